using Everest.Site.Actors;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Evse;

/// <summary>
/// The EVSE actors of a site: one per configured EVSE (<c>everest-site.chargers[].evses[]</c>), each named
/// <c>evse-{id}</c> under a backoff supervisor, and the router that feeds them.
/// </summary>
public sealed class EvseFleet : IDisposable
{
    /// <summary>First restart delay of a failed EVSE actor.</summary>
    public static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Longest restart delay of an EVSE actor that keeps failing.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private EvseFleet(IReadOnlyDictionary<string, IActorRef> byEvseId, EvseMessageRouter router)
    {
        ByEvseId = byEvseId;
        Router = router;
    }

    /// <summary>The actor (its backoff supervisor) of each EVSE, by our EVSE id.</summary>
    public IReadOnlyDictionary<string, IActorRef> ByEvseId { get; }

    public EvseMessageRouter Router { get; }

    /// <summary>The actor of <paramref name="evseId"/>; throws for an id that is not configured.</summary>
    public IActorRef this[string evseId] => ByEvseId.TryGetValue(evseId, out var actor)
        ? actor
        : throw new KeyNotFoundException($"No EVSE '{evseId}' is configured (everest-site.chargers[].evses[].id).");

    /// <summary>
    /// Starts an actor per configured EVSE and the router, subscribed on <paramref name="transport"/>. Duplicate
    /// EVSE ids or module ids throw: two actors for one EVSE would write two truths.
    /// </summary>
    public static async Task<EvseFleet> StartAsync(
        ActorSystem system,
        EverestSiteOptions options,
        IMqttTransport transport,
        EverestApiClient client,
        EverestMessageDecoder decoder,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(decoder);
        var settings = options.Chargers
            .SelectMany(charger => charger.Evses)
            .Select(evse => EvseActorSettings.From(evse, options.Persistence, options.EverestApi))
            .ToList();
        ThrowOnDuplicates(settings.Select(s => s.EvseId), "EVSE id");
        ThrowOnDuplicates(settings.Select(s => s.ModuleId), "module-id");

        var byEvseId = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var byModuleId = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        foreach (var evse in settings)
        {
            var actor = system.ActorOf(
                Props.Create(() => new EvseActor(evse, client)).WithBackoff(MinBackoff, MaxBackoff),
                EvseActorSettings.PersistenceIdOf(evse.EvseId));
            byEvseId.Add(evse.EvseId, actor);
            byModuleId.Add(evse.ModuleId, actor);
        }

        var byOcppModuleId = settings
            .Where(s => s.OcppModuleId is not null)
            .GroupBy(s => s.OcppModuleId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IActorRef>)[.. g.Select(s => byEvseId[s.EvseId])], StringComparer.Ordinal);
        var router = new EvseMessageRouter(transport, byModuleId, decoder, system.LoggerFactory.CreateLogger<EvseMessageRouter>(), byOcppModuleId.Count > 0 ? byOcppModuleId : null);
        await router.StartAsync(cancellationToken).ConfigureAwait(false);
        return new EvseFleet(byEvseId, router);
    }

    public void Dispose() => Router.Dispose();

    private static void ThrowOnDuplicates(IEnumerable<string> values, string what)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two EVSEs are configured with the same {what} '{duplicate.Key}'.", nameof(values));
        }
    }
}
