using System.Diagnostics;
using Akka.Event;
using Everest.Site.Domain.Allocation;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>
/// One allocation run and the commands that follow it: lowerings are sent at once; raisings only when no lowering is
/// unconfirmed, so that at no moment the raised EVSEs and the not-yet-lowered ones draw together.
/// </summary>
public sealed partial class SiteActor
{
    internal const string ChargingState = "Charging";
    internal const string PausedBySiteState = "ChargingPausedEVSE";
    private const string SetLimits = "set_external_limits";
    private const string Pause = "pause_charging";
    private const string Resume = "resume_charging";

    /// <summary>The source named in every limit the site sends.</summary>
    public const string LimitSource = "everest-site";

    /// <summary>A raise smaller than this (A) is not worth a command; every lowering is sent.</summary>
    private const double RaiseDeadbandA = 0.5;

    private void Allocate(DateTimeOffset now)
    {
        // After a start, nobody is commanded until every EVSE has reported (or the grace is over): an EVSE not heard
        // from counts at its maximum, and cars charging under a controller that restarts should not be held for it.
        if (_order.Any(e => e.Status is null) && now - _startedAt < _settings.StartupGrace)
        {
            return;
        }

        if (ReferenceEquals(_allocation, AllocationState.Empty))
        {
            _allocation = Seed(now);
        }

        var demands = new EvseDemand[_order.Count];
        for (var i = 0; i < demands.Length; i++)
        {
            demands[i] = Demand(_order[i], now);
        }

        AllocationResult result;
        try
        {
            var started = Stopwatch.GetTimestamp();
            result = _allocator.Allocate(_settings.Model, demands, _allocation, now, StationCapsAt(now));
            _metrics?.AllocationRan(Stopwatch.GetElapsedTime(started));
        }
        catch (ArgumentException e)
        {
            // Validated configuration makes this unreachable; should it happen, nothing is commanded on bad input.
            _log.Error(e, "The allocation could not run; no EVSE is commanded");
            return;
        }

        _allocation = result.State;
        _lastResult = result;
        var changed = false;
        for (var i = 0; i < _order.Count; i++)
        {
            var decision = result.Evses[i];
            changed |= _order[i].Decision is not { } before || before.Charging != decision.Charging || Math.Abs(before.CurrentA - decision.CurrentA) > 0.05 || before.Reason != decision.Reason;
            _order[i].Decision = decision;
        }

        var raises = new List<(EvseControl Evse, SentCommand Command)>();
        foreach (var evse in _order)
        {
            NoteHeld(evse, now);
            if (Plan(evse, now) is not { } command)
            {
                continue;
            }

            if (command.Lowering || command.Operation == SetLimits && evse.AppliedA is { } applied && command.TargetA <= applied)
            {
                Send(evse, command, now);
            }
            else
            {
                raises.Add((evse, command));
            }
        }

        var raisesHeld = _order.Any(e => e.HoldsRaises);
        foreach (var (evse, command) in raises)
        {
            if (!raisesHeld)
            {
                Send(evse, command, now);
            }
            else if (command.Operation == SetLimits && evse.AppliedA is { } applied && now >= evse.RenewAt)
            {
                // The raise waits, but the schedule in force must not run into its fallback meanwhile.
                Send(evse, command with { TargetA = applied, Reason = "renewal" }, now);
            }
        }

        if (changed)
        {
            Context.System.EventStream.Publish(new SiteAllocationChanged(CurrentStatus()));
        }
    }

    /// <summary>
    /// A car that arrives at an EVSE already held below its minimum (idle EVSEs are held too) is paused by the site
    /// without a new command; that is recorded like any other pause.
    /// </summary>
    private void NoteHeld(EvseControl evse, DateTimeOffset now)
    {
        if (evse.Wiring.HasEnergyLimits && !evse.PausedBySite && evse.InFlight is null
            && evse.Status is { Online: true, TransactionOpen: true } && evse.Decision is { Charging: false } decision
            && evse.AppliedA is { } applied && applied < _settings.MinCurrentA)
        {
            evse.PausedBySite = true;
            evse.AuditedA = 0;
            Audit(new EvsePausedBySite(evse.Wiring.EvseId, now, decision.Explanation));
        }
    }

    /// <summary>
    /// The allocator's memory for its first run after a start: cars found charging count as admitted at what they draw,
    /// so that a controller that restarts takes over their sessions instead of seeing meters that disagree with an
    /// allocation it never made (which would hold every charging car until the meters drop).
    /// </summary>
    private AllocationState Seed(DateTimeOffset now) => new(_order
        .Where(e => e.Status is { Online: true, State: ChargingState, MeasuredCurrent: { } measured } && measured.Max > 0)
        .Select(e => new EvseMemory(e.Wiring.EvseId, Admitted: true, e.Status!.MeasuredCurrent!.Max, e.Status.SessionStartedAt ?? now, WaitingSince: null)));

    /// <summary>The command <paramref name="evse"/> needs now to follow its decision, or null.</summary>
    private SentCommand? Plan(EvseControl evse, DateTimeOffset now)
    {
        if (evse.InFlight is not null || evse.Status is not { Online: true } status || evse.Decision is not { } decision || now < evse.RetryAt)
        {
            return null;
        }

        var reason = decision.Explanation;
        if (evse.Wiring.HasEnergyLimits)
        {
            // A car that is not admitted is held below its minimum: EVerest reports WaitingForEnergy and resumes by itself.
            var target = decision.Charging ? Math.Floor(decision.CurrentA * 10) / 10 : 0;
            if (evse.AppliedA is not { } applied || target < applied - 0.05)
            {
                return new SentCommand(SetLimits, target, Lowering: true, now, reason);
            }

            if (target > applied + RaiseDeadbandA || (decision.Charging && applied < target && evse.PausedBySite))
            {
                return new SentCommand(SetLimits, target, Lowering: false, now, reason);
            }

            // Renewed before the fallback entry falls due, at what is in force (a raise may still be held back).
            return now >= evse.RenewAt ? new SentCommand(SetLimits, applied, Lowering: false, now, "renewal") : null;
        }

        if (!decision.Charging && status.State == ChargingState)
        {
            return new SentCommand(Pause, 0, Lowering: true, now, reason);
        }

        return decision.Charging && status.State == PausedBySiteState && evse.PausedBySite
            ? new SentCommand(Resume, decision.CurrentA, Lowering: false, now, reason)
            : null;
    }

    private void Send(EvseControl evse, SentCommand command, DateTimeOffset now)
    {
        evse.InFlight = command;
        IEvseCommand message = command.Operation switch
        {
            SetLimits => new SetExternalLimits(Schedule(command.TargetA, now)),
            Pause => new PauseCharging(command.Reason),
            _ => new ResumeCharging(),
        };
        _fleet.Tell(new EvseEnvelope(evse.Wiring.EvseId, message), Self);
    }

    /// <summary>
    /// The import schedule for <paramref name="currentA"/>: in force now, and ending in the fallback current
    /// <c>fallback-after</c> ahead, which EVerest keeps (the last entry stays in force) if the site stops renewing it.
    /// </summary>
    internal ExternalLimits Schedule(double currentA, DateTimeOffset now) => new(
        [Entry(now, currentA), Entry(now + _settings.FallbackAfter, _settings.FallbackCurrentA)],
        [],
        []);

    private static ScheduleReqEntry Entry(DateTimeOffset at, double currentA) =>
        new(at, new LimitsReq(AcMaxCurrentA: new NumberWithSource(currentA, LimitSource)), new LimitsReq());
}
