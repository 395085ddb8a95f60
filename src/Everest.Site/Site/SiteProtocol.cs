using Everest.Site.Domain.Allocation;

namespace Everest.Site.Site;

/// <summary>
/// Asks the site to reserve an EVSE for a driver: the named EVSE, or else any free one (with the connector type,
/// when given). Answered with <see cref="ReservationAccepted"/> or <see cref="ReservationRefused"/>.
/// </summary>
/// <param name="EvseId">The EVSE to reserve; null lets the site choose a free one.</param>
/// <param name="ConnectorType">When the site chooses: only EVSEs with this connector type (spec spelling, e.g. <c>sType2</c>).</param>
/// <param name="Token">The driver's token the reservation is for.</param>
/// <param name="ExpiresAt">When the site cancels it; null: <c>reservations.default-expiry</c> from now.</param>
public sealed record ReserveEvse(string? EvseId, string? ConnectorType, string Token, DateTimeOffset? ExpiresAt);

/// <summary>The reservation is in force on <paramref name="EvseId"/> until <paramref name="ExpiresAt"/>.</summary>
public sealed record ReservationAccepted(int ReservationId, string EvseId, DateTimeOffset ExpiresAt);

/// <summary>No reservation was made, and why, in words an operator or driver can act on.</summary>
public sealed record ReservationRefused(string Reason);

/// <summary>Cancels a reservation the site made. Answered with <see cref="ReservationCancelled"/> or <see cref="ReservationRefused"/>.</summary>
public sealed record CancelSiteReservation(int ReservationId);

public sealed record ReservationCancelled(int ReservationId, string EvseId);

/// <summary>Asks the site actor for a <see cref="SiteStatus"/>.</summary>
public sealed record GetSiteStatus
{
    public static GetSiteStatus Instance { get; } = new();
}

/// <summary>The site as the allocator last saw it: the grid limit in force, every limit's load and every EVSE's decision.</summary>
/// <param name="GridLimitA">The grid's per-phase limit in force now (after the schedule), before the margin.</param>
/// <param name="SiteCurrentA">Measured current per grid phase summed over all EVSEs (L1, L2, L3).</param>
public sealed record SiteStatus(
    DateTimeOffset At,
    double GridLimitA,
    IReadOnlyList<double> SiteCurrentA,
    IReadOnlyList<SiteEvseStatus> Evses,
    IReadOnlyList<LimitLoad> Limits,
    IReadOnlyList<ReservationAccepted> Reservations)
{
    /// <summary>The CSMS's station caps in force (<c>grid.use-csms-schedules</c>), A per phase.</summary>
    public IReadOnlyList<StationCap> StationCaps { get; init; } = [];
}

/// <summary>One EVSE as the site controls it.</summary>
/// <param name="AppliedA">The current limit in force on the EVSE as far as the site knows (A per phase); null when none was sent.</param>
/// <param name="Settled">False while a command to it is unconfirmed or failed (it is then counted at its worst case).</param>
public sealed record SiteEvseStatus(string EvseId, EvseAllocation Decision, double? AppliedA, bool PausedBySite, bool Settled)
{
    /// <summary>The priority set for the session in progress (<see cref="SetSessionPriority"/>); null: the configured one.</summary>
    public int? SessionPriority { get; init; }

    /// <summary>When the car leaves, as the allocator uses it: the operator's (<see cref="SetSessionGoal"/>), else the car's; null when unknown.</summary>
    public DateTimeOffset? DepartureAt { get; init; }

    /// <summary>The energy the car still needs (Wh) as the allocator uses it: the operator's less what was taken since, else the car's.</summary>
    public double? EnergyNeededWh { get; init; }

    /// <summary>Whether an operator set the departure or the energy need of the session in progress.</summary>
    public bool GoalSetByOperator { get; init; }

    /// <summary>The CSMS's cap on this EVSE alone in force (A per phase; its <c>charging_schedules</c> entry <c>evse: N</c>); null: none.</summary>
    public double? CsmsCapA { get; init; }
}

/// <summary>Published on the event stream after every allocation run that changed a decision.</summary>
public sealed record SiteAllocationChanged(SiteStatus Status);

/// <summary>
/// Sets the priority of the session in progress at <paramref name="EvseId"/> until its car leaves (e.g. a fleet
/// vehicle that must leave first); null gives the session back the EVSE's configured priority. Higher is served
/// first. Answered with <see cref="SessionPrioritySet"/> or <see cref="SessionPriorityRefused"/>.
/// </summary>
public sealed record SetSessionPriority(string EvseId, int? Priority);

/// <summary>The session at <paramref name="EvseId"/> is allocated at <paramref name="Priority"/> from now until its car leaves.</summary>
public sealed record SessionPrioritySet(string EvseId, int Priority);

/// <summary>The priority was not set, and why (unknown EVSE, no car there).</summary>
public sealed record SessionPriorityRefused(string EvseId, string Reason);

/// <summary>
/// Tells the site when the car at <paramref name="EvseId"/> leaves and how much energy it still needs (Wh), as an
/// operator knows it, until the car leaves; each overrides what the car says over ISO 15118 (ev_info), and null
/// leaves that one to the car. The energy need falls by what the EVSE's meter shows the car taking from now on.
/// Answered with <see cref="SessionGoalSet"/> or <see cref="SessionGoalRefused"/>.
/// </summary>
public sealed record SetSessionGoal(string EvseId, DateTimeOffset? DepartureAt, double? EnergyNeededWh);

/// <summary>The goal of the session at <paramref name="EvseId"/> as the operator set it.</summary>
public sealed record SessionGoalSet(string EvseId, DateTimeOffset? DepartureAt, double? EnergyNeededWh);

/// <summary>The goal was not set, and why (unknown EVSE, no car there, a departure not in the future, a need that is not a number of Wh).</summary>
public sealed record SessionGoalRefused(string EvseId, string Reason);

/// <summary>The CSMS's composite schedules of one charger (ocpp_consumer <c>charging_schedules</c>), for its station cap.</summary>
public sealed record CsmsSchedulesReceived(string StationId, Everest.Site.EverestApi.Messages.ChargingSchedules Schedules);
