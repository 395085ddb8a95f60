namespace Everest.Site.Domain.Allocation;

/// <summary>
/// Shares a site's current among its EVSEs: every limit (each phase of every circuit, the grid connection,
/// station caps, phasor limits) minus the margin holds; priorities win; cars with a known departure and energy
/// need get the steady rate that meets it, least laxity first; the rest is shared max-min fair by water-filling
/// through the circuit tree (on sites with phasor limits, then exchanged where an unbalanced transformer gives
/// back more than it takes); EVSEs whose minimum does not fit take turns. Pure: time comes in as an argument.
/// </summary>
/// <remarks>
/// One instance keeps scratch buffers between runs so that a run allocates only its result; it is therefore
/// not safe to call from two threads at once (the site actor owns one).
/// </remarks>
public sealed partial class SiteAllocator
{
    /// <summary>Currents closer than this (relative to the limit) count as equal.</summary>
    private const double Tolerance = 1e-9;

    private readonly AllocationPolicy _policy;

    /// <summary>Number of EVSEs in the running allocation.</summary>
    private int _evseCount;

    public SiteAllocator(AllocationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _order = new AdmissionOrder(this);
    }

    public AllocationPolicy Policy => _policy;

    /// <summary>Decides every EVSE's current for the moment <paramref name="now"/>.</summary>
    /// <param name="site">The site's circuits and limits.</param>
    /// <param name="evses">Every EVSE of the site, as it stands now.</param>
    /// <param name="previous">The state returned by the previous run (or <see cref="AllocationState.Empty"/>).</param>
    /// <param name="now">The instant of this run: evaluates the schedule, minimum times, turns and departures.</param>
    /// <param name="stationCaps">CSMS caps on whole stations in force now, if any.</param>
    /// <exception cref="ArgumentException">An EVSE or station cap is null or invalid, or an EVSE names a circuit the site does not have (EVSE ids must be unique; on sites with phasor limits a repeated id is refused).</exception>
    public AllocationResult Allocate(
        SiteModel site,
        IReadOnlyList<EvseDemand> evses,
        AllocationState previous,
        DateTimeOffset now,
        IReadOnlyList<StationCap>? stationCaps = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(evses);
        ArgumentNullException.ThrowIfNull(previous);
        stationCaps ??= [];

        var n = evses.Count;
        EnsureEvseCapacity(n);
        _evseCount = n;
        BuildLimits(site, now, stationCaps);
        ClassifyEvses(site, evses, previous, now, stationCaps);
        ApplyFixedLoads();
        AdmitAndFill();
        return BuildResult(evses, now);
    }
}
