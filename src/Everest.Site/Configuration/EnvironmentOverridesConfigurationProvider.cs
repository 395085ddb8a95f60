using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>Reads <c>EVERESTSITE_</c> variables (see <see cref="EnvironmentOverridesConfigurationSource"/>) and remembers which variable set each key.</summary>
internal sealed class EnvironmentOverridesConfigurationProvider(IDictionary environment) : ConfigurationProvider
{
    public const string Prefix = "EVERESTSITE_";

    private readonly Dictionary<string, string> _variableByKey = new(StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                var key = name[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                data[key] = entry.Value as string;
                _variableByKey[key] = name;
            }
        }

        Data = data;
    }

    /// <summary>The variable that set <paramref name="key"/>, if one did.</summary>
    public string? VariableFor(string key) => _variableByKey.GetValueOrDefault(key);

    public IEnumerable<KeyValuePair<string, string?>> Overrides => Data;
}
