using Everest.Site.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>Finds where the effective value of a configuration key came from: the last provider that has it wins.</summary>
internal static class ConfigurationOrigins
{
    public static string? Describe(IConfigurationRoot root, string key)
    {
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
            {
                continue;
            }

            return provider switch
            {
                HoconConfigurationProvider hocon => hocon.TryGetOrigin(key, out var origin) ? origin.ToString() : null,
                EnvironmentOverridesConfigurationProvider environment => $"environment variable {environment.VariableFor(key)}",
                _ => provider.ToString(),
            };
        }

        // Objects and arrays have no value of their own; HOCON still knows where they were written.
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider is HoconConfigurationProvider hocon && hocon.TryGetOrigin(key, out var origin))
            {
                return origin.ToString();
            }
        }

        return null;
    }
}
