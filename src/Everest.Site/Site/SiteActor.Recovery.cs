using Everest.Site.Domain.Allocation;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>What the journal gives back after a restart: the reservations in force and which EVSEs the site paused.</summary>
public sealed partial class SiteActor
{
    private void Recovered(ISiteEvent recovered) => Apply(recovered);

    private void Apply(ISiteEvent decision)
    {
        switch (decision)
        {
            case ReservationMade made:
                _reservations[made.ReservationId] = new SiteReservation(made.ReservationId, made.EvseId, made.Token, made.ExpiresAt);
                _nextReservationId = Math.Max(_nextReservationId, made.ReservationId + 1);
                break;
            case SessionPriorityChanged changed when _evses.TryGetValue(changed.EvseId, out var evse):
                evse.SessionPriority = changed.Priority;
                evse.PrioritySessionStartedAt = changed.SessionStartedAt;
                break;
            case SessionGoalChanged goal when _evses.TryGetValue(goal.EvseId, out var evse):
                evse.OperatorGoal = goal.DepartureAt is null && goal.EnergyNeededWh is null
                    ? null
                    : new OperatorGoal(goal.SessionStartedAt, goal.DepartureAt, goal.EnergyNeededWh, goal.ImportedWhAtSet);
                break;
            case ReservationClosed closed:
                _reservations.Remove(closed.ReservationId);
                break;
            case EvsePausedBySite paused when _evses.TryGetValue(paused.EvseId, out var evse):
                evse.PausedBySite = true;
                evse.AuditedA = 0;
                break;
            case EvseResumedBySite resumed when _evses.TryGetValue(resumed.EvseId, out var evse):
                evse.PausedBySite = false;
                evse.AuditedA = resumed.CurrentA;
                break;
            case EvseLimitChanged changed when _evses.TryGetValue(changed.EvseId, out var evse):
                evse.AuditedA = changed.ToA;
                break;
        }
    }

    private SiteStatus CurrentStatus()
    {
        var now = Now;
        var site = new double[3];
        var evses = new List<SiteEvseStatus>(_order.Count);
        foreach (var evse in _order)
        {
            if (evse.Status is { Online: true, MeasuredCurrent: { } measured })
            {
                site[(int)evse.Wiring.Rotation.GridPhaseOf(0)] += measured.L1;
                site[(int)evse.Wiring.Rotation.GridPhaseOf(1)] += measured.L2;
                site[(int)evse.Wiring.Rotation.GridPhaseOf(2)] += measured.L3;
            }

            var decision = evse.Decision ?? new EvseAllocation(evse.Wiring.EvseId, false, 0, 0, 0, AllocationReason.Idle, null);
            var (departure, needed) = GoalInputs(evse);
            evses.Add(new SiteEvseStatus(evse.Wiring.EvseId, decision, evse.AppliedA, evse.PausedBySite, !evse.WorstCase && evse.AwaitingDrop is null && evse.InFlight is null)
            {
                SessionPriority = evse.SessionPriority,
                DepartureAt = departure,
                EnergyNeededWh = needed,
                GoalSetByOperator = evse.OperatorGoal is not null,
                CsmsCapA = EvseCapAt(evse.Wiring.EvseId, now),
            });
        }

        return new SiteStatus(
            now,
            _settings.Model.GridMaxCurrentAt(now),
            site,
            evses,
            _lastResult?.Limits ?? [],
            [.. _reservations.Values.Select(r => new ReservationAccepted(r.ReservationId, r.EvseId, r.ExpiresAt))])
        {
            StationCaps = StationCapsAt(now),
        };
    }
}
