namespace Everest.Site.Domain.Allocation;

/// <summary>
/// The electrical shape of a site, validated once: the grid connection (per-phase limit, optional power limit,
/// time-of-day schedule), a tree of circuits under it, the safety margin kept below every limit, and, for sites
/// that are not plain per-phase trees, extra <see cref="PhasorConstraint"/>s. Currents are per phase in amperes.
/// </summary>
public sealed class SiteModel
{
    /// <summary>The id of the grid connection, the root of the circuit tree.</summary>
    public const string GridId = "grid";

    private readonly Dictionary<string, int> _circuitIndex;

    /// <param name="gridMaxCurrentA">The grid connection's per-phase limit (A).</param>
    /// <param name="circuits">Sub-boards and feeders; parents must form a tree under <see cref="GridId"/>.</param>
    /// <param name="safetyMarginA">Kept below every current limit (meter error, reaction time).</param>
    /// <param name="voltageV">Nominal voltage of one phase, to convert between current and power or energy.</param>
    /// <param name="gridPhases">1 or 3. On a single-phase site every EVSE loads L1.</param>
    /// <param name="gridMaxPowerW">A power limit of the connection over all phases (W), if the contract has one.</param>
    /// <param name="schedule">Time-of-day limits that lower <paramref name="gridMaxCurrentA"/>; later windows win.</param>
    /// <param name="timeZone">The site's time zone, in which <paramref name="schedule"/> is read (default UTC).</param>
    /// <param name="phasorConstraints">Extra limits on phasor sums of EVSE currents.</param>
    public SiteModel(
        double gridMaxCurrentA,
        IReadOnlyList<Circuit>? circuits = null,
        double safetyMarginA = 0,
        double voltageV = 230,
        int gridPhases = 3,
        double? gridMaxPowerW = null,
        IReadOnlyList<GridScheduleWindow>? schedule = null,
        TimeZoneInfo? timeZone = null,
        IReadOnlyList<PhasorConstraint>? phasorConstraints = null)
    {
        RequireLimit(gridMaxCurrentA, "the grid's max current");
        if (!double.IsFinite(safetyMarginA) || safetyMarginA < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(safetyMarginA), safetyMarginA, "the safety margin must be a finite number of amperes ≥ 0");
        }

        if (!double.IsFinite(voltageV) || voltageV <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(voltageV), voltageV, "the voltage must be a finite number of volts > 0");
        }

        if (gridPhases is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(gridPhases), gridPhases, "a grid connection has 1 or 3 phases");
        }

        circuits ??= [];
        schedule ??= [];
        phasorConstraints ??= [];
        var ids = new List<string>(circuits.Count + 1) { GridId };
        var limits = new List<double>(circuits.Count + 1) { gridMaxCurrentA };
        var powers = new List<double?>(circuits.Count + 1) { RequirePower(gridMaxPowerW, GridId) };
        _circuitIndex = new Dictionary<string, int>(StringComparer.Ordinal) { [GridId] = 0 };
        foreach (var circuit in circuits)
        {
            ArgumentNullException.ThrowIfNull(circuit);
            if (string.IsNullOrWhiteSpace(circuit.Id))
            {
                throw new ArgumentException("a circuit has no id", nameof(circuits));
            }

            if (!_circuitIndex.TryAdd(circuit.Id, ids.Count))
            {
                throw new ArgumentException(circuit.Id == GridId
                    ? $"'{GridId}' is the grid connection's id and cannot name a circuit"
                    : $"circuit '{circuit.Id}' is defined twice", nameof(circuits));
            }

            RequireLimit(circuit.MaxCurrentA, $"circuit '{circuit.Id}' max current");
            ids.Add(circuit.Id);
            limits.Add(circuit.MaxCurrentA);
            powers.Add(RequirePower(circuit.MaxPowerW, circuit.Id));
        }

        var parents = new int[ids.Count];
        parents[0] = -1;
        for (var i = 0; i < circuits.Count; i++)
        {
            if (!_circuitIndex.TryGetValue(circuits[i].ParentId ?? "", out var parent))
            {
                throw new ArgumentException($"circuit '{circuits[i].Id}' names parent '{circuits[i].ParentId}', which is neither '{GridId}' nor a circuit", nameof(circuits));
            }

            parents[i + 1] = parent;
        }

        for (var i = 1; i < parents.Length; i++)
        {
            var steps = 0;
            for (var at = parents[i]; at > 0; at = parents[at])
            {
                if (++steps > parents.Length || at == i)
                {
                    throw new ArgumentException($"circuit '{ids[i]}' is its own ancestor: parents must form a tree under '{GridId}'", nameof(circuits));
                }
            }
        }

        foreach (var window in schedule)
        {
            ArgumentNullException.ThrowIfNull(window);
            RequireLimit(window.MaxCurrentA, "a schedule window's max current");
        }

        foreach (var constraint in phasorConstraints)
        {
            ArgumentNullException.ThrowIfNull(constraint);
            RequireLimit(constraint.LimitA, $"phasor constraint '{constraint.Name}' limit");
            foreach (var term in constraint.Terms)
            {
                if (!double.IsFinite(term.Scale) || !double.IsFinite(term.AngleDegrees))
                {
                    throw new ArgumentException($"phasor constraint '{constraint.Name}' has a term for '{term.EvseId}' that is not a finite number", nameof(phasorConstraints));
                }
            }
        }

        CircuitIds = ids;
        CircuitMaxCurrentA = limits;
        CircuitMaxPowerW = powers;
        ParentIndex = parents;
        SafetyMarginA = safetyMarginA;
        VoltageV = voltageV;
        GridPhases = gridPhases;
        Schedule = schedule;
        TimeZone = timeZone ?? TimeZoneInfo.Utc;
        PhasorConstraints = phasorConstraints;
    }

    /// <summary>Circuit ids by index; index 0 is the grid connection.</summary>
    public IReadOnlyList<string> CircuitIds { get; }

    /// <summary>Per-phase limits by circuit index (A), before margin and schedule.</summary>
    public IReadOnlyList<double> CircuitMaxCurrentA { get; }

    /// <summary>Power limits by circuit index (W), null where a circuit has none.</summary>
    public IReadOnlyList<double?> CircuitMaxPowerW { get; }

    /// <summary>The parent of each circuit by index; −1 for the grid connection.</summary>
    public IReadOnlyList<int> ParentIndex { get; }

    public double SafetyMarginA { get; }

    public double VoltageV { get; }

    public int GridPhases { get; }

    public IReadOnlyList<GridScheduleWindow> Schedule { get; }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<PhasorConstraint> PhasorConstraints { get; }

    /// <summary>The index of circuit <paramref name="id"/>, or false when the site has no such circuit.</summary>
    public bool TryGetCircuitIndex(string id, out int index) => _circuitIndex.TryGetValue(id, out index);

    /// <summary>The grid connection's per-phase limit at <paramref name="now"/> (A, before margin), lowered by the last schedule window covering it.</summary>
    public double GridMaxCurrentAt(DateTimeOffset now)
    {
        var limit = CircuitMaxCurrentA[0];
        if (Schedule.Count == 0)
        {
            return limit;
        }

        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        double? scheduled = null;
        foreach (var window in Schedule)
        {
            if (window.Covers(local))
            {
                scheduled = window.MaxCurrentA;
            }
        }

        return scheduled is { } s ? Math.Min(limit, s) : limit;
    }

    private static void RequireLimit(double value, string what)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{what} must be a finite number of amperes ≥ 0");
        }
    }

    private static double? RequirePower(double? value, string circuit)
    {
        if (value is { } w && (!double.IsFinite(w) || w < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), w, $"circuit '{circuit}' max power must be a finite number of watts ≥ 0");
        }

        return value;
    }
}
