using Everest.Site.Domain.Allocation;
using Everest.Site.Site;

namespace Everest.Site.Http;

/// <summary><c>GET /api/site</c>: the grid limit, the site's current per phase, every limit's load, the allocation and the reservations.</summary>
/// <param name="At">When the site last allocated (the controller's clock).</param>
/// <param name="GridLimitA">The grid's per-phase limit in force now (after the time-of-day schedule), before the safety margin.</param>
/// <param name="SiteCurrentA">Measured current per grid phase, summed over all EVSEs (A).</param>
/// <param name="Limits">Each limit of the grid and circuits with the margin taken off, and what the allocation puts on it.</param>
public sealed record SiteView(
    string SiteId,
    DateTimeOffset At,
    double GridLimitA,
    PhaseCurrentsView SiteCurrentA,
    IReadOnlyList<LimitView> Limits,
    IReadOnlyList<SiteEvseAllocationView> Evses,
    IReadOnlyList<ReservationView> Reservations)
{
    public static SiteView From(string siteId, SiteStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var current = status.SiteCurrentA;
        return new SiteView(
            siteId,
            status.At,
            status.GridLimitA,
            new PhaseCurrentsView(Round(current, 0), Round(current, 1), Round(current, 2)),
            [.. status.Limits.Select(LimitView.From)],
            [.. status.Evses.Select(e => new SiteEvseAllocationView(e.EvseId, EvseAllocationView.From(e)))],
            [.. status.Reservations.Select(ReservationView.From)]);
    }

    private static double Round(IReadOnlyList<double> phases, int index) => index < phases.Count ? Math.Round(phases[index], 2) : 0;
}

/// <summary>One limit: <c>grid L1</c>, <c>board-a L2</c>, …; <paramref name="Kind"/> PhaseCurrent (A), Power (W) or Phasor (A).</summary>
public sealed record LimitView(string Name, string Kind, double Limit, double Load)
{
    public static LimitView From(LimitLoad limit) => new(limit.Name, limit.Kind.ToString(), Math.Round(limit.Limit, 2), Math.Round(limit.Load, 2));
}

/// <summary>The site's decision for one EVSE.</summary>
public sealed record SiteEvseAllocationView(string EvseId, EvseAllocationView Allocation);

/// <summary>A reservation the site holds.</summary>
public sealed record ReservationView(int Id, string EvseId, DateTimeOffset ExpiresAt)
{
    public static ReservationView From(ReservationAccepted reservation)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return new ReservationView(reservation.ReservationId, reservation.EvseId, reservation.ExpiresAt);
    }
}
