using Akka.Actor;
using Akka.Event;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// Commands: each is executed through the EVerest API client and piped back as <see cref="CommandCompleted"/>,
/// so the actor keeps handling telemetry while EVerest answers. Every command gets exactly one
/// <see cref="EvseCommandResult"/>; a timeout is a failure, never a success.
/// </summary>
public sealed partial class EvseActor
{
    private void Execute(IEvseCommand command)
    {
        var requester = Sender;
        if (!_live.Online)
        {
            var since = _live.LastHeartbeatAt is { } last ? $"last heartbeat at {last:O}" : "no heartbeat since the controller started";
            requester.Tell(EvseCommandResult.Failure(_settings.EvseId, command.Operation, $"EVSE {_settings.EvseId} is offline ({since}); {command.Operation} was not sent"));
            return;
        }

        if (command is SetExternalLimits && _energyLimits is null)
        {
            requester.Tell(EvseCommandResult.Failure(_settings.EvseId, command.Operation, $"EVSE {_settings.EvseId} has no energy-limits-module-id configured; set_external_limits cannot be sent"));
            return;
        }

        _pending = _pending.Sent(command);
        Send(command).PipeTo(
            Self,
            success: accepted => new CommandCompleted(command, requester, accepted, null),
            failure: error => new CommandCompleted(command, requester, false, error));
    }

    /// <summary>The EVerest call for <paramref name="command"/>; true when EVerest accepted it (or, for fire-and-forget commands, it was published).</summary>
    private Task<bool> Send(IEvseCommand command) => command switch
    {
        SetAvailability set => SetAvailabilityAsync(set),
        PauseCharging => _evseManager.PauseChargingAsync(),
        ResumeCharging => _evseManager.ResumeChargingAsync(),
        StopTransaction stop => _evseManager.StopTransactionAsync(new StopTransactionRequest(stop.Reason)),
        ForceUnlock unlock => _evseManager.ForceUnlockAsync(unlock.ConnectorId),
        Reserve reserve => _evseManager.ReserveAsync(reserve.ReservationId),
        CancelReservation => Published(_evseManager.CancelReservationAsync()),
        SendAuthorizeResponse response => Published(_evseManager.AuthorizeResponseAsync(response.Response)),
        WithdrawAuthorization => Published(_evseManager.WithdrawAuthorizationAsync()),
        ExternalReadyToStartCharging => _evseManager.ExternalReadyToStartChargingAsync(),
        EnableRandomDelay => Published(_evseManager.RandomDelayEnableAsync()),
        DisableRandomDelay => Published(_evseManager.RandomDelayDisableAsync()),
        CancelRandomDelay => Published(_evseManager.RandomDelayCancelAsync()),
        SetRandomDelayDuration duration => Published(_evseManager.RandomDelaySetDurationAsync(duration.Seconds)),
        SetExternalLimits limits => Published(_energyLimits!.SetExternalLimitsAsync(limits.Limits)),
        _ => Task.FromException<bool>(new NotSupportedException($"{command.GetType().Name} is not an EVSE command this actor executes.")),
    };

    /// <summary>
    /// enable_disable answers whether the EVSE is enabled afterwards; the command succeeded when that is what
    /// was asked for (a stronger source may hold the other state). Withdrawing our entry always succeeds.
    /// </summary>
    private async Task<bool> SetAvailabilityAsync(SetAvailability set)
    {
        var request = new EnableDisableRequest(set.ConnectorId, new EnableDisableSource(set.Source, set.State, set.Priority));
        var enabledAfterwards = await _evseManager.EnableDisableAsync(request).ConfigureAwait(false);
        return set.State == EnableState.Enable ? enabledAfterwards
            : set.State == EnableState.Disable ? !enabledAfterwards
            : true;
    }

    private static async Task<bool> Published(Task publish)
    {
        await publish.ConfigureAwait(false);
        return true;
    }

    private void OnCommandCompleted(CommandCompleted completed)
    {
        var operation = completed.Command.Operation;
        if (completed.Accepted)
        {
            completed.Requester.Tell(EvseCommandResult.Success(_settings.EvseId, operation));
            return;
        }

        // The request had no effect: the next matching event is not ours.
        _pending = _pending.Refused(completed.Command);

        var reason = completed.Error switch
        {
            null => RefusalReason(completed.Command),
            EverestRequestTimeoutException timeout => $"no reply from EVerest to {operation}: {timeout.Message}",
            var error => $"{operation} failed: {error.Message}",
        };
        _log.Info("EVSE {EvseId}: {Operation} failed: {Reason}", _settings.EvseId, operation, reason);
        completed.Requester.Tell(EvseCommandResult.Failure(_settings.EvseId, operation, reason));
    }

    private static string RefusalReason(IEvseCommand command) => command switch
    {
        PauseCharging => "EVerest refused pause_charging (it pauses only while Charging)",
        ResumeCharging => "EVerest refused resume_charging (it resumes only a transaction paused by pause_charging)",
        Reserve => "EVerest refused reserve (the EVSE must be idle, enabled and not reserved under another id)",
        SetAvailability { State.Value: "Enable" } => "the EVSE stays disabled: a source with a stronger priority disables it",
        SetAvailability => "the EVSE stays enabled: a source with a stronger priority enables it",
        _ => $"EVerest refused {command.Operation}",
    };
}
