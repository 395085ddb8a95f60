using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Everest.Site.Billing;
using Everest.Site.Billing.Projection;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Cli;

/// <summary>
/// Billing from the command line, beside or without a running controller: an actor system with the site's persistence
/// on the configured database (for the read journal and for storing corrections), the read model, and a projection
/// that catches up with the journal before anything is read.
/// </summary>
internal sealed class OfflineBilling : IAsyncDisposable
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    private readonly IDisposable _consoleToStandardError;

    private OfflineBilling(LoadedSiteConfiguration loaded)
    {
        Options = loaded.Options;
        Site = new BillingSite(Options);
        ReadModel = new BillingReadModel(new BillingDatabase(Options.Persistence));
        Projection = new BillingProjection(ReadModel, TimeProvider.System, NullLogger<BillingProjection>.Instance);

        // Akka logs to standard output; an export written there must stay clean.
        _consoleToStandardError = SiteConsoleHost.KeepStandardOutputForScripts();
        var akka = AkkaConfigBridge.FromConfiguration(loaded.Configuration);
        System = ActorSystem.Create("everest-site-billing", SitePersistenceConfig.ActorSystemSetup(Options.Persistence, Quiet.WithFallback(akka)));
    }

    public EverestSiteOptions Options { get; }

    public BillingSite Site { get; }

    public BillingReadModel ReadModel { get; }

    public BillingProjection Projection { get; }

    public ActorSystem System { get; }

    /// <summary>
    /// Loads <paramref name="file"/> (null: the demo's configuration), checks that billing can use its database, and
    /// starts the actor system; null after writing why not to <paramref name="error"/>.
    /// </summary>
    public static OfflineBilling? TryOpen(string? file, TextWriter error)
    {
        var loaded = file is null
            ? CommandLineConfiguration.TryLoadWithConfiguration(() => SiteConfiguration.LoadDemo(), "demo.conf (embedded)", error)
            : CommandLineConfiguration.TryLoadWithConfiguration(() => SiteConfiguration.Load(file), file, error);
        if (loaded is null)
        {
            return null;
        }

        if (loaded.Options.Persistence.Provider == PersistenceProvider.Memory)
        {
            error.WriteLine($"error: {file ?? "demo.conf"}: everest-site.persistence.provider = memory keeps no history to bill from; billing needs sqlite or postgresql");
            return null;
        }

        return new OfflineBilling(loaded);
    }

    /// <summary>
    /// Brings the read model up to the journal and returns the events applied; warns on <paramref name="error"/> when
    /// the journal still holds billing events the read model does not reflect (written meanwhile by a running
    /// controller, or the read journal did not answer in time).
    /// </summary>
    public async Task<long> CatchUpAsync(TextWriter error, CancellationToken cancellationToken)
    {
        var applied = await Projection.CatchUpAsync(System, cancellationToken).ConfigureAwait(false);
        var behind = await ReadModel.EventsAfterAsync(await ReadModel.OffsetAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (behind > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warning: the billing read model is {behind} journal events behind; what follows may miss the newest transactions")).ConfigureAwait(false);
        }

        return applied;
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate().ConfigureAwait(false);
        _consoleToStandardError.Dispose();
    }
}
