using Akka.Event;
using Everest.Site.Evse;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>
/// The answers to the site's commands, and what makes a lowering count as done: EVerest's acceptance and then the
/// meter showing the drop, or a timeout after which the EVSE is counted at its worst case and the command is sent again.
/// </summary>
public sealed partial class SiteActor
{
    private void OnCommandResult(EvseCommandResult result)
    {
        if (result.Operation is ReserveOperation or CancelReservationOperation)
        {
            OnReservationCommandResult(result);
            return;
        }

        if (!_evses.TryGetValue(result.EvseId, out var evse) || evse.InFlight is not { } sent || sent.Operation != result.Operation)
        {
            return;
        }

        evse.InFlight = null;
        var now = Now;
        if (!result.Succeeded)
        {
            Failed(evse, sent, result.FailureReason ?? "no reason given", now);
            return;
        }

        var confirmed = false;
        switch (sent.Operation)
        {
            case SetLimits:
                var before = evse.AppliedA;
                evse.AppliedA = sent.TargetA;
                evse.RenewAt = now + (_settings.FallbackAfter / 2);
                if (sent.Lowering)
                {
                    evse.AwaitingDrop = new AwaitedDrop(sent.TargetA, before ?? MaxCurrentOf(evse), now + _settings.LoweringTimeout);
                    confirmed = ConfirmDrop(evse);
                }
                else
                {
                    evse.WorstCase = false;
                    evse.RaisedAt = before is { } was && sent.TargetA > was ? now : evse.RaisedAt;
                }

                AuditLimit(evse, sent, now);
                break;
            case Pause:
                evse.PausedBySite = true;
                evse.PauseRequested = true;
                evse.AwaitingDrop = new AwaitedDrop(0, evse.MeasuredMaxA, now + _settings.LoweringTimeout);
                Audit(new EvsePausedBySite(evse.Wiring.EvseId, now, sent.Reason));
                confirmed = ConfirmDrop(evse);
                break;
            default:
                evse.PausedBySite = false;
                evse.PauseRequested = false;
                evse.WorstCase = false;
                evse.RaisedAt = now;
                Audit(new EvseResumedBySite(evse.Wiring.EvseId, now, sent.TargetA, sent.Reason));
                break;
        }

        if (confirmed)
        {
            // The last lowering may have been what held the raisings back.
            Allocate(now);
        }
    }

    private void Failed(EvseControl evse, SentCommand sent, string reason, DateTimeOffset now)
    {
        if (!evse.WorstCase)
        {
            // Logged once per failure streak, not on every retry.
            _log.Warning("EVSE {EvseId}: {Operation} failed ({Reason}); counted at its worst case and retried", evse.Wiring.EvseId, sent.Operation, reason);
        }

        evse.WorstCase = true;
        evse.WorstCaseA = Math.Max(evse.AppliedA ?? MaxCurrentOf(evse), evse.MeasuredMaxA);
        evse.RetryAt = now + _settings.RetryAfter;
        if (sent.Operation == SetLimits)
        {
            evse.AppliedA = null;
        }
        else if (sent.Operation == Pause)
        {
            // A refused pause counts as still drawing.
            evse.PauseRequested = true;
        }
    }

    /// <summary>True when <paramref name="evse"/> had a lowering awaited and its meter now shows it.</summary>
    private bool ConfirmDrop(EvseControl evse)
    {
        if (evse.AwaitingDrop is not { } awaited || evse.Status is not { } status)
        {
            return false;
        }

        var shown = status.MeasuredCurrent is { } measured
            ? measured.Max <= awaited.TargetA + _settings.Policy.MeterToleranceA
            : status.State != ChargingState;
        if (!shown)
        {
            return false;
        }

        evse.AwaitingDrop = null;
        evse.WorstCase = false;
        return true;
    }

    /// <summary>Lowerings that did not show in time, and commands that were never answered, count as not done.</summary>
    private void ExpireWaits(EvseControl evse, DateTimeOffset now)
    {
        if (evse.AwaitingDrop is { } awaited && now >= awaited.Deadline)
        {
            evse.AwaitingDrop = null;
            _log.Warning("EVSE {EvseId}: its meter still shows {MeasuredA:0.#} A, above the {TargetA:0.#} A it accepted; counted at its worst case", evse.Wiring.EvseId, evse.MeasuredMaxA, awaited.TargetA);
            evse.WorstCase = true;
            evse.WorstCaseA = Math.Max(awaited.PreviousA, evse.MeasuredMaxA);
            if (evse.Wiring.HasEnergyLimits)
            {
                evse.AppliedA = null;
            }
        }

        if (evse.InFlight is { } sent && now - sent.SentAt > 3 * _settings.LoweringTimeout)
        {
            evse.InFlight = null;
            Failed(evse, sent, "no answer from the EVSE actor", now);
        }
    }

    /// <summary>Records a limit worth auditing: a hold or a release of a car, or a move beyond the audit threshold.</summary>
    private void AuditLimit(EvseControl evse, SentCommand sent, DateTimeOffset now)
    {
        if (evse.Status is not { TransactionOpen: true } || sent.Reason == "renewal")
        {
            return;
        }

        var id = evse.Wiring.EvseId;
        var held = sent.TargetA < _settings.MinCurrentA;
        if (held && !evse.PausedBySite)
        {
            evse.PausedBySite = true;
            evse.AuditedA = 0;
            Audit(new EvsePausedBySite(id, now, sent.Reason));
        }
        else if (!held && evse.PausedBySite)
        {
            evse.PausedBySite = false;
            evse.AuditedA = sent.TargetA;
            Audit(new EvseResumedBySite(id, now, sent.TargetA, sent.Reason));
        }
        else if (!held && Math.Abs(sent.TargetA - (evse.AuditedA ?? 0)) >= _settings.AuditThresholdA)
        {
            var from = evse.AuditedA ?? 0;
            evse.AuditedA = sent.TargetA;
            Audit(new EvseLimitChanged(id, now, from, sent.TargetA, sent.Reason));
        }
    }

    /// <summary>Audit records do not hold the control loop up: they are written without stashing commands.</summary>
    private void Audit(ISiteEvent decision) => PersistAsync(decision, _ => { });
}
