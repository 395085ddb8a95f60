using Everest.Site.Configuration;
using Everest.Site.Hocon;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hosting;

/// <summary>Loading and validating the configuration for a verb, with the errors written the way <c>config check</c> writes them.</summary>
public static class CommandLineConfiguration
{
    /// <summary>The validated options, or null after writing every problem (key and file:line) to <paramref name="error"/>.</summary>
    public static EverestSiteOptions? TryLoad(Func<IConfigurationRoot> load, string source, TextWriter error) =>
        TryLoadWithConfiguration(load, source, error)?.Options;

    /// <summary>
    /// As <see cref="TryLoad"/>, with the loaded configuration beside the options: its <c>akka { … }</c> section is
    /// for the actor system.
    /// </summary>
    public static LoadedSiteConfiguration? TryLoadWithConfiguration(Func<IConfigurationRoot> load, string source, TextWriter error)
    {
        IConfigurationRoot configuration;
        try
        {
            configuration = load();
        }
        catch (HoconException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }

        foreach (var warning in SiteConfiguration.Warnings(configuration))
        {
            error.WriteLine($"warning: {warning}");
        }

        try
        {
            return new LoadedSiteConfiguration(configuration, SiteConfiguration.BindAndValidate(configuration));
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"error: {source}: {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in e.Problems)
            {
                error.WriteLine($"  {problem}");
            }

            return null;
        }
    }
}
