using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hocon.Configuration;

public static class HoconConfigurationExtensions
{
    /// <summary>Adds one HOCON file (with its includes and substitutions).</summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false) =>
        builder.AddHocon(source => source.Layers.Add(HoconConfigurationLayer.File(path, optional)));

    /// <summary>Adds HOCON layers resolved together as one document (e.g. reference text, then a site file).</summary>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, Action<HoconConfigurationSource> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var source = new HoconConfigurationSource();
        configure(source);
        return builder.Add(source);
    }
}
