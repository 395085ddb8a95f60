using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using Everest.Site.Evse;

namespace Everest.Site.Site;

/// <summary>Following the EVSEs: their published status becomes the allocator's <see cref="EvseDemand"/>.</summary>
public sealed partial class SiteActor
{
    /// <summary>A phase carries the car's current when it draws at least this share of the highest phase.</summary>
    private const double PhaseInUseShare = 0.3;

    /// <summary>A car is seen drawing (to learn its phases) from this current on (A).</summary>
    private const double DrawingA = 2;

    private void OnStatus(EvseStatus status)
    {
        if (!_evses.TryGetValue(status.EvseId, out var evse))
        {
            return;
        }

        var previous = evse.Status;
        evse.Status = status;
        if (status.Online && status.MeasuredCurrent is { } measured)
        {
            evse.LastDrawA = measured.Max;
            if (status.State == ChargingState && measured.Max >= DrawingA)
            {
                evse.CarPhases = PhasesDrawing(measured);
            }
        }

        if (!status.TransactionOpen && status.SessionStartedAt is null)
        {
            // The car left: what the site learned about it and any pause of its session are over.
            evse.CarPhases = null;
            evse.SessionPriority = null;
            evse.PrioritySessionStartedAt = null;
            evse.PausedBySite = false;
            evse.PauseRequested = false;
            evse.OperatorGoal = null;
        }
        else if (status.State is { } state && state != ChargingState)
        {
            evse.PauseRequested = evse.PauseRequested && state == ChargingState;
        }

        if (evse.SessionPriority is not null && status.SessionStartedAt is { } started && evse.PrioritySessionStartedAt is { } prioritized && started != prioritized)
        {
            // Another car's session (the one it was set for ended while the controller was down).
            evse.SessionPriority = null;
            evse.PrioritySessionStartedAt = null;
        }

        if (evse.OperatorGoal is { SessionStartedAt: { } goalFor } && status.SessionStartedAt is { } current && current != goalFor)
        {
            // Set for another car's session, which ended while the controller was down.
            evse.OperatorGoal = null;
        }

        var confirmed = ConfirmDrop(evse);
        FollowReservations(evse, status);
        if (confirmed || previous is null || Relevant(previous, status))
        {
            Allocate(Now);
        }
    }

    /// <summary>Whether a change matters before the next tick (measured current alone waits for it).</summary>
    private static bool Relevant(EvseStatus before, EvseStatus after) =>
        before.Online != after.Online
        || before.State != after.State
        || before.TransactionOpen != after.TransactionOpen
        || before.PhasesInUse != after.PhasesInUse
        || before.MinCurrentA != after.MinCurrentA
        || before.Reservation != after.Reservation
        || before.SessionStartedAt != after.SessionStartedAt
        || before.Enabled != after.Enabled
        || before.EvMaxCurrentA != after.EvMaxCurrentA
        || before.DepartureAt != after.DepartureAt
        || (before.EnergyNeededWh is null) != (after.EnergyNeededWh is null);

    private static int PhasesDrawing(PhaseCurrents measured)
    {
        var threshold = measured.Max * PhaseInUseShare;
        var phases = (measured.L1 >= threshold ? 1 : 0) + (measured.L2 >= threshold ? 1 : 0) + (measured.L3 >= threshold ? 1 : 0);
        return Math.Max(1, phases);
    }

    private EvseDemand Demand(EvseControl evse, DateTimeOffset now)
    {
        var wiring = evse.Wiring;
        var status = evse.Status;
        var ownMax = MaxCurrentOf(evse);
        var max = ownMax;
        if (evse.Status is { Online: true } && EvseCapAt(wiring.EvseId, now) is { } cap)
        {
            // The CSMS's cap on this EVSE alone (the charger enforces it too).
            max = Math.Min(max, cap);
        }

        // The minimum yields only to the EVSE's own maximum: a CSMS cap below it leaves the minimum above the maximum,
        // and the allocator pauses the EVSE (CappedBelowMinimum) instead of allocating it less than its minimum.
        var min = Math.Min(status?.MinCurrentA is { } reported && reported > 0 ? reported : _settings.MinCurrentA, ownMax);
        var demand = new EvseDemand(wiring.EvseId, StateOf(evse))
        {
            CircuitId = wiring.CircuitId,
            StationId = wiring.StationId,
            Phases = Math.Clamp(evse.CarPhases ?? status?.PhasesInUse ?? 3, 1, 3),
            Rotation = wiring.Rotation,

            // Without current control an EVSE is either off or at whatever the car takes, up to its maximum.
            MinCurrentA = wiring.HasEnergyLimits ? min : max,
            MaxCurrentA = max,
            LastDrawA = evse.LastDrawA,
            Priority = evse.SessionPriority ?? wiring.Priority,

            // What the car says about itself (ev_info): its own maximum, and with ISO 15118 when it leaves and what it needs.
            EvMaxCurrentA = status?.EvMaxCurrentA,
            Goal = GoalInputs(evse) is ({ } departure, { } needed) ? new ChargingGoal(departure, needed) : null,
            ReservedHeadroomA = HasSiteReservation(wiring.EvseId) || status?.Reservation is not null ? min : null,
        };

        // The meter is shown where the site can act on it: always with current control (lending what a car does not
        // draw), and without it only once a pause was asked for (a refused or slow pause is counted at the draw).
        var measured = wiring.HasEnergyLimits || evse.PauseRequested ? status?.MeasuredCurrent : null;
        if (evse.HoldsRaises)
        {
            // A lowering on its way: the meter still shows the old draw, which is safe to ignore because nobody is
            // raised until the drop shows (or the wait times out and the EVSE is counted at its worst case).
            measured = null;
        }
        else if (measured is not null && evse.RaisedAt is { } raised && now - raised < _settings.RaiseSettle && measured.Max < evse.AppliedA)
        {
            // Raised moments ago: the car has not followed yet, and its old draw must not make the raise look unused.
            measured = null;
        }

        if (evse.WorstCase)
        {
            var worst = Math.Max(evse.WorstCaseA, measured?.Max ?? 0);
            measured = new PhaseCurrents(worst, worst, worst);
        }

        return demand with { Measured = measured };
    }

    /// <summary>
    /// When the car leaves and what it still needs (Wh), each the operator's where one was set (the need less what the
    /// meter shows taken since), else the car's own (ISO 15118 ev_info).
    /// </summary>
    private static (DateTimeOffset? DepartureAt, double? EnergyNeededWh) GoalInputs(EvseControl evse)
    {
        var status = evse.Status;
        var goal = evse.OperatorGoal;
        return (goal?.DepartureAt ?? status?.DepartureAt, goal?.RemainingWh(status?.ImportedWh) ?? status?.EnergyNeededWh);
    }

    private double MaxCurrentOf(EvseControl evse)
    {
        // The EVSE's own limits follow what the site sets; its hardware says what it could give.
        var reported = evse.Status?.HardwareMaxCurrentA ?? (evse.Wiring.HasEnergyLimits ? null : evse.Status?.MaxCurrentA);
        var configured = evse.Wiring.ConfiguredMaxCurrentA;
        var max = (reported, configured) switch
        {
            ({ } r, { } c) => Math.Min(r, c),
            ({ } r, null) => r,
            (null, { } c) => c,
            _ => _settings.DefaultMaxCurrentA,
        };
        return max > 0 && double.IsFinite(max) ? max : _settings.DefaultMaxCurrentA;
    }

    private static EvseDemandState StateOf(EvseControl evse)
    {
        if (evse.Status is not { Online: true } status)
        {
            return EvseDemandState.Offline;
        }

        return status.State switch
        {
            ChargingState or "ChargingPausedEV" => EvseDemandState.Charging,
            PausedBySiteState => EvseDemandState.Paused,
            "WaitingForEnergy" or "Preparing" when status.TransactionOpen || status.SessionStartedAt is not null => EvseDemandState.Waiting,
            "WaitingForEnergy" => EvseDemandState.Waiting,
            _ when status.TransactionOpen && status.ChargingPhase is not null => EvseDemandState.Waiting,
            _ => EvseDemandState.Idle,
        };
    }
}
