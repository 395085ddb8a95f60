using System.Collections;
using Everest.Site.Configuration;

namespace Everest.Site.Benchmarks.Common;

/// <summary>Site options as the product reads them: <c>reference.conf</c>'s defaults under the given HOCON, bound and validated.</summary>
internal static class BenchSiteOptions
{
    public static EverestSiteOptions Load(string hocon)
    {
        var file = Path.Combine(Path.GetTempPath(), $"everest-site-bench-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, hocon);
        try
        {
            // No environment: a variable of the machine running the benchmark must not change what is measured.
            return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file, environment: new Hashtable()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A HOCON string literal.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
