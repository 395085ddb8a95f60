using Akka.Hosting;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Hosting;

/// <summary>
/// What a caller of <see cref="SiteHostingExtensions.AddEverestSite"/> may put in place of the production parts.
/// Every property left null keeps the production choice, so <c>run</c> passes nothing but the configuration.
/// </summary>
public sealed record SiteHostSettings
{
    /// <summary>
    /// The MQTT connection to use instead of one made from <c>everest-site.mqtt</c> (a test double, or a client of
    /// the demo's embedded broker). The caller keeps ownership: the host connects it but neither disconnects nor
    /// disposes it.
    /// </summary>
    public IMqttTransport? Transport { get; init; }

    /// <summary>The clock of event timestamps, API timeouts and the communication check; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// The loaded site configuration; its <c>akka { … }</c> section, if any, is handed to the actor system, so that
    /// an operator tunes Akka in the same HOCON file as the site.
    /// </summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>What installs firmware images instead of <c>firmware.install-command</c> (the demo's simulated install, tests).</summary>
    public Firmware.IFirmwareInstaller? FirmwareInstaller { get; init; }

    /// <summary>More actor-system set-up after the site's own (e.g. a test scheduler, more actors).</summary>
    public Action<AkkaConfigurationBuilder, IServiceProvider>? ConfigureAkka { get; init; }
}
