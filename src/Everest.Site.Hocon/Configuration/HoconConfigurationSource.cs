using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hocon.Configuration;

/// <summary>
/// HOCON layers (e.g. an embedded <c>reference.conf</c> and then the site file) loaded as one document into
/// <c>IConfiguration</c>. Later configuration sources (environment variables, command line) override it as usual.
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    public IList<HoconConfigurationLayer> Layers { get; } = [];

    /// <summary>Where <c>${VAR}</c>/<c>${?VAR}</c> fall back to; null means the process environment.</summary>
    public Func<string, string?>? Environment { get; set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
