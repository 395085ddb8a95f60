using Akka.Hosting;
using Everest.Site.Configuration;

namespace Everest.Site.Persistence;

/// <summary>Akka.Hosting registration of the site's persistence.</summary>
public static class SitePersistenceHosting
{
    /// <summary>
    /// Adds the journal, snapshot store, read journal, serializer and tagging of <see cref="SitePersistenceConfig"/>.
    /// The settings are appended (a fallback under HOCON added with <see cref="HoconAddMode.Prepend"/>), so an
    /// operator's own <c>akka.persistence</c> keys handed over with <see cref="AkkaConfigBridge"/> win.
    /// </summary>
    public static AkkaConfigurationBuilder WithSitePersistence(this AkkaConfigurationBuilder builder, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddHocon(SitePersistenceConfig.For(options), HoconAddMode.Append);
        if (SitePersistenceConfig.ConnectionSetup(options) is { } connections)
        {
            builder.AddSetup(connections);
        }

        return builder;
    }
}
