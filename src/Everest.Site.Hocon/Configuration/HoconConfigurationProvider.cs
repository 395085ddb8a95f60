using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hocon.Configuration;

/// <summary>
/// Exposes a resolved HOCON document as configuration keys: keys keep their HOCON spelling joined with ':'
/// (<c>everest-site:grid:max-current-a</c>), array elements are <c>:0</c>, <c>:1</c>…, numbers keep their text,
/// booleans are <c>true</c>/<c>false</c>, null and empty objects/arrays become a key whose value is null.
/// Remembers where each key was written (<see cref="TryGetOrigin"/>), so binding errors can name file and line.
/// </summary>
/// <remarks>A HOCON error surfaces as a <see cref="HoconException"/> from <c>IConfigurationBuilder.Build()</c>.</remarks>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    private readonly HoconConfigurationSource _source;
    private Dictionary<string, HoconOrigin> _origins = new(StringComparer.OrdinalIgnoreCase);

    public HoconConfigurationProvider(HoconConfigurationSource source) => _source = source;

    /// <summary>The document as last loaded (null before <see cref="Load"/>).</summary>
    public HoconDocument? Document { get; private set; }

    public override void Load()
    {
        var loader = new HoconLoader(_source.Environment);
        foreach (var layer in _source.Layers)
        {
            if (layer.FilePath is not null)
            {
                loader.AddFile(layer.FilePath, layer.Optional);
            }
            else
            {
                loader.AddText(layer.Text!, layer.Name);
            }
        }

        var document = loader.Load();
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var origins = new Dictionary<string, HoconOrigin>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in document.Root.Fields)
        {
            Flatten(key, value, data, origins);
        }

        Document = document;
        Data = data;
        _origins = origins;
    }

    /// <summary>Where the value of a configuration key (or the object/array at it) was written.</summary>
    public bool TryGetOrigin(string key, [MaybeNullWhen(false)] out HoconOrigin origin) => _origins.TryGetValue(key, out origin);

    private static void Flatten(string key, HoconValue value, Dictionary<string, string?> data, Dictionary<string, HoconOrigin> origins)
    {
        origins[key] = value.Origin;
        switch (value)
        {
            case HoconObject obj when obj.Count > 0:
                foreach (var (childKey, child) in obj.Fields)
                {
                    Flatten(ConfigurationPath.Combine(key, childKey), child, data, origins);
                }

                break;
            case HoconArray array when array.Items.Count > 0:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Flatten(ConfigurationPath.Combine(key, i.ToString(CultureInfo.InvariantCulture)), array.Items[i], data, origins);
                }

                break;
            case HoconScalar scalar:
                data[key] = scalar.Text;
                break;
            default:
                // An empty object or array: present, but with nothing to bind (as the JSON provider does).
                data[key] = null;
                break;
        }
    }
}
