using Everest.Site.Configuration;

namespace Everest.Site.Evse;

/// <summary>
/// Everything about the EVSE fleet that comes from configuration, validated once: the settings of each EVSE and
/// the routing tables from EVerest module ids to our EVSE ids. The fleet actor, the router and the tests all
/// start from the same plan.
/// </summary>
public sealed record EvseFleetPlan
{
    /// <param name="evses">One entry per EVSE; EVSE ids and module ids must be unique.</param>
    /// <param name="inbox">How each EVSE's inbox bounds telemetry and paces deliveries.</param>
    /// <param name="backoff">How a failed EVSE actor is restarted.</param>
    /// <exception cref="ArgumentException">Two EVSEs share an EVSE id or a module id: two actors for one EVSE would write two truths.</exception>
    public EvseFleetPlan(IReadOnlyList<EvseActorSettings> evses, EvseInboxSettings? inbox = null, EvseBackoffSettings? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(evses);
        ThrowOnDuplicates(evses.Select(s => s.EvseId), "EVSE id");
        ThrowOnDuplicates(evses.Select(s => s.ModuleId), "module-id");
        Evses = evses;
        Inbox = inbox ?? EvseInboxSettings.Default;
        Backoff = backoff ?? EvseBackoffSettings.Default;
        EvseIdByModuleId = evses.ToDictionary(s => s.ModuleId, s => s.EvseId, StringComparer.Ordinal);
        EvseIdsByOcppModuleId = evses
            .Where(s => s.OcppModuleId is not null)
            .GroupBy(s => s.OcppModuleId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.EvseId)], StringComparer.Ordinal);
        _byEvseId = evses.ToDictionary(s => s.EvseId, StringComparer.Ordinal);
    }

    private readonly IReadOnlyDictionary<string, EvseActorSettings> _byEvseId;

    /// <summary>The configured EVSEs, in configuration order.</summary>
    public IReadOnlyList<EvseActorSettings> Evses { get; }

    public EvseInboxSettings Inbox { get; }

    public EvseBackoffSettings Backoff { get; }

    /// <summary>Our EVSE id of each evse_manager_consumer module id.</summary>
    public IReadOnlyDictionary<string, string> EvseIdByModuleId { get; }

    /// <summary>The EVSE ids of each charger's ocpp_consumer module id (empty when no EVSE has one).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> EvseIdsByOcppModuleId { get; }

    /// <summary>The plan of every EVSE configured under <c>everest-site.chargers[].evses[]</c>.</summary>
    /// <exception cref="ArgumentException">Duplicate EVSE ids or module ids.</exception>
    public static EvseFleetPlan From(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EvseFleetPlan([.. options.Chargers
            .SelectMany(charger => charger.Evses)
            .Select(evse => EvseActorSettings.From(evse, options.Persistence, options.EverestApi))]);
    }

    /// <summary>True when <paramref name="evseId"/> is configured.</summary>
    public bool Contains(string evseId) => _byEvseId.ContainsKey(evseId);

    /// <summary>The settings of <paramref name="evseId"/>; throws for an id that is not configured.</summary>
    public EvseActorSettings this[string evseId] => _byEvseId.TryGetValue(evseId, out var settings)
        ? settings
        : throw new KeyNotFoundException($"No EVSE '{evseId}' is configured (everest-site.chargers[].evses[].id).");

    private static void ThrowOnDuplicates(IEnumerable<string> values, string what)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two EVSEs are configured with the same {what} '{duplicate.Key}'.", nameof(values));
        }
    }
}
