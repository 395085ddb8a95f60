using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Configuration;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Persistence;

/// <summary>
/// Hands the <c>akka { … }</c> section of the site's configuration (read by our HOCON reader into
/// <see cref="IConfiguration"/>, environment overrides included) to Akka as a <see cref="Config"/>, so the operator keeps
/// one configuration for both. The section is written out as JSON (which is HOCON) and parsed by Akka.
/// </summary>
/// <remarks>
/// <see cref="IConfiguration"/> keeps only text, so every value reaches Akka as a string; Akka reads numbers, booleans,
/// durations and sizes from strings, so <c>loglevel = DEBUG</c>, <c>ask-timeout = 5s</c> and
/// <c>max-concurrent-recoveries = 10</c> mean what they say. A section whose keys are 0, 1, 2, … becomes a list.
/// <c>null</c>, <c>[]</c> and <c>{}</c> all arrive as a key without a value and are passed on as <c>null</c>.
/// </remarks>
public static class AkkaConfigBridge
{
    /// <summary>The configuration section handed to Akka.</summary>
    public const string SectionName = "akka";

    /// <summary>
    /// The <c>akka</c> section of <paramref name="configuration"/> as an Akka <see cref="Config"/>;
    /// <see cref="Config.Empty"/> when there is none.
    /// </summary>
    public static Config FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        if (!section.Exists())
        {
            return Config.Empty;
        }

        return ConfigurationFactory.ParseString(ToJson(section));
    }

    /// <summary>The section, with its own name as the only root key, as JSON text.</summary>
    internal static string ToJson(IConfigurationSection section)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WritePropertyName(section.Key);
            Write(json, section);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            if (section.Value is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStringValue(section.Value);
            }

            return;
        }

        if (IsList(children))
        {
            json.WriteStartArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                Write(json, child);
            }

            json.WriteEndArray();
            return;
        }

        json.WriteStartObject();
        foreach (var child in children)
        {
            json.WritePropertyName(child.Key);
            Write(json, child);
        }

        json.WriteEndObject();
    }

    /// <summary>Keys 0 … n-1: how <see cref="IConfiguration"/> spells the elements of a list.</summary>
    private static bool IsList(List<IConfigurationSection> children)
    {
        var indices = new HashSet<int>();
        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || child.Key != index.ToString(CultureInfo.InvariantCulture)
                || !indices.Add(index))
            {
                return false;
            }
        }

        return indices.Count > 0 && indices.Max() == indices.Count - 1;
    }
}
