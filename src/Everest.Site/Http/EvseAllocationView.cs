using Everest.Site.Site;

namespace Everest.Site.Http;

/// <summary>The site's decision for one EVSE after its last allocation run.</summary>
/// <param name="Charging">False: paused by the site, or a waiting car held below its minimum.</param>
/// <param name="CurrentA">The current allocated per phase (A).</param>
/// <param name="AppliedA">The limit in force on the EVSE as far as the site knows (A); null when none was sent.</param>
/// <param name="Reason">Why (e.g. <c>SharedLimit</c>, <c>NoCapacity</c>, <c>TurnOver</c>).</param>
/// <param name="Explanation">The same in words, for people.</param>
/// <param name="Settled">False while a command to the EVSE is unconfirmed or failed.</param>
/// <param name="SessionPriority">The priority set for the session in progress (<c>POST /api/evses/{id}/priority</c>); null: the configured one.</param>
/// <param name="DepartureAt">When the car leaves as the allocator uses it: the operator's (<c>POST /api/evses/{id}/departure</c>), else the car's; null when unknown.</param>
/// <param name="EnergyNeededWh">The energy the car still needs (Wh) as the allocator uses it: the operator's less what the car took since, else the car's.</param>
/// <param name="GoalSetByOperator">Whether an operator set the departure or energy need of the session in progress.</param>
/// <param name="CsmsCapA">The CSMS's cap on this EVSE alone in force (A per phase, <c>charging_schedules</c> entry <c>evse: N</c>); null: none.</param>
public sealed record EvseAllocationView(
    bool Charging,
    double CurrentA,
    int Phases,
    double? AppliedA,
    string Reason,
    string Explanation,
    string? LimitedBy,
    bool PausedBySite,
    bool Settled,
    int? SessionPriority,
    DateTimeOffset? DepartureAt,
    double? EnergyNeededWh,
    bool GoalSetByOperator,
    double? CsmsCapA)
{
    public static EvseAllocationView From(SiteEvseStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var decision = status.Decision;
        return new EvseAllocationView(
            decision.Charging,
            Math.Round(decision.CurrentA, 2),
            decision.Phases,
            status.AppliedA is { } applied ? Math.Round(applied, 2) : null,
            decision.Reason.ToString(),
            decision.Explanation,
            decision.LimitedBy,
            status.PausedBySite,
            status.Settled,
            status.SessionPriority,
            status.DepartureAt,
            status.EnergyNeededWh is { } needed ? Math.Round(needed) : null,
            status.GoalSetByOperator,
            status.CsmsCapA is { } cap ? Math.Round(cap, 2) : null);
    }
}
