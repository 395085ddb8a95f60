using Everest.Site.Configuration;
using Everest.Site.Domain.Allocation;
using ConfiguredRotation = Everest.Site.Configuration.PhaseRotation;
using ModelRotation = Everest.Site.Domain.Allocation.PhaseRotation;

namespace Everest.Site.Site;

/// <summary>
/// Everything the <see cref="SiteActor"/> takes from configuration, mapped and validated once: the electrical
/// <see cref="SiteModel"/>, the allocator's <see cref="AllocationPolicy"/>, every EVSE's wiring and the timings of
/// the control loop.
/// </summary>
public sealed record SiteSettings
{
    /// <summary>The persistence id of the site's decisions and reservations.</summary>
    public const string PersistenceId = "site";

    public required SiteModel Model { get; init; }

    public required AllocationPolicy Policy { get; init; }

    /// <summary>The configured EVSEs, in configuration order.</summary>
    public required IReadOnlyList<SiteEvse> Evses { get; init; }

    /// <summary>The allocator runs at least this often (<c>allocation.tick</c>).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The least current a car can charge with, when the EVSE does not report its own (<c>allocation.min-current-a</c>).</summary>
    public double MinCurrentA { get; init; } = 6;

    /// <summary>The highest current assumed for an EVSE that reports none and has no configured cap.</summary>
    public double DefaultMaxCurrentA { get; init; } = 32;

    /// <summary>The last entry of every limit schedule sent (<c>allocation.fallback-current-a</c>).</summary>
    public double FallbackCurrentA { get; init; } = 6;

    /// <summary>How far ahead the fallback entry starts (<c>allocation.fallback-after</c>); schedules are renewed well before.</summary>
    public TimeSpan FallbackAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a lowering may take to show in the EVSE's meter (IEC 61851 gives a car 5 s to follow) before it is
    /// treated as not lowered: the EVSE is then counted at its worst case and the command is sent again
    /// (<c>allocation.lowering-timeout</c>).
    /// </summary>
    public TimeSpan LoweringTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// After a raise, a car that still draws less is given this long to follow before its draw counts (and the rest of
    /// its allocation is lent to others).
    /// </summary>
    public TimeSpan RaiseSettle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After a start, the site commands nobody until every EVSE has reported or this long has passed.</summary>
    public TimeSpan StartupGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A failed command is sent again after this long.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A limit change is persisted for audit when it moves at least this far (A) from the last one persisted.</summary>
    public double AuditThresholdA { get; init; } = 2;

    /// <summary>How long a reservation made without an expiry lasts (<c>reservations.default-expiry</c>).</summary>
    public TimeSpan DefaultReservationExpiry { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether the CSMS's station caps (ocpp_consumer <c>charging_schedules</c>, entry <c>evse: 0</c>) are obeyed (<c>grid.use-csms-schedules</c>).</summary>
    public bool UseCsmsSchedules { get; init; }

    /// <summary>
    /// The settings of <paramref name="options"/>; schedules are read in <paramref name="timeZone"/>, else in
    /// <c>grid.time-zone</c>, else in the machine's zone.
    /// </summary>
    /// <exception cref="ArgumentException">The grid, a circuit or an EVSE's circuit is not a valid site (unknown parent, cycle, bad limit).</exception>
    public static SiteSettings From(EverestSiteOptions options, TimeZoneInfo? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = options.Grid;
        var model = new SiteModel(
            grid.MaxCurrentA,
            [.. options.Circuits.Select(c => new Circuit(c.Id, c.Parent, c.MaxCurrentA))],
            grid.SafetyMarginA,
            grid.VoltageV > 0 ? grid.VoltageV : 230,
            grid.Phases is 1 or 3 ? grid.Phases : 3,
            schedule: [.. grid.Schedule.Select(w => new GridScheduleWindow(w.Days.Select(ToDayOfWeek).ToHashSet(), w.From, w.To, w.MaxCurrentA))],
            timeZone: timeZone ?? (grid.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : TimeZoneInfo.Local));
        var allocation = options.Allocation;
        var tick = allocation.Tick > TimeSpan.Zero ? allocation.Tick : TimeSpan.FromSeconds(1);
        var evses = options.Chargers
            .SelectMany(charger => charger.Evses.Select((evse, index) => new SiteEvse(
                evse.Id,
                evse.Circuit,
                charger.Id,
                ToModel(evse.PhaseRotation),
                evse.Priority,
                !string.IsNullOrEmpty(evse.EnergyLimitsModuleId),
                evse.MaxCurrentA)
            {
                NumberInCharger = index + 1,
            }))
            .ToList();
        foreach (var evse in evses.Where(e => !model.TryGetCircuitIndex(e.CircuitId, out _)))
        {
            throw new ArgumentException($"EVSE '{evse.EvseId}' is wired to circuit '{evse.CircuitId}', which is not configured (everest-site.circuits).", nameof(options));
        }

        return new SiteSettings
        {
            Model = model,
            Policy = new AllocationPolicy
            {
                MinPause = allocation.MinPause,
                MinCharge = allocation.MinCharge,
                Rotation = allocation.Rotation > TimeSpan.Zero ? allocation.Rotation : TimeSpan.FromMinutes(15),
                Period = tick,
            },
            Evses = evses,
            UseCsmsSchedules = grid.UseCsmsSchedules,
            Tick = tick,
            MinCurrentA = allocation.MinCurrentA > 0 ? allocation.MinCurrentA : 6,
            FallbackCurrentA = allocation.FallbackCurrentA,
            FallbackAfter = allocation.FallbackAfter > TimeSpan.Zero ? allocation.FallbackAfter : TimeSpan.FromSeconds(15),
            LoweringTimeout = allocation.LoweringTimeout > TimeSpan.Zero ? allocation.LoweringTimeout : TimeSpan.FromSeconds(6),
            DefaultReservationExpiry = options.Reservations.DefaultExpiry > TimeSpan.Zero ? options.Reservations.DefaultExpiry : TimeSpan.FromMinutes(15),
        };
    }

    private static ModelRotation ToModel(ConfiguredRotation rotation) => Enum.Parse<ModelRotation>(rotation.ToString());

    private static DayOfWeek ToDayOfWeek(Weekday day) => day switch
    {
        Weekday.Mon => DayOfWeek.Monday,
        Weekday.Tue => DayOfWeek.Tuesday,
        Weekday.Wed => DayOfWeek.Wednesday,
        Weekday.Thu => DayOfWeek.Thursday,
        Weekday.Fri => DayOfWeek.Friday,
        Weekday.Sat => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };
}
