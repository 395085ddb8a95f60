using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>
/// Taking the charger's EVSEs out of service for an installation and giving them back, through the EVSE fleet's
/// <c>enable_disable</c> with source <c>FirmwareUpdate</c> at <c>firmware.disable-priority</c>. An idle EVSE is
/// disabled at once; a busy one as soon as its transaction ended (or, past the operator's
/// <c>firmware.stop-transactions-after</c>, once its transaction was stopped). Giving back withdraws
/// our entry (<c>Unassigned</c>), whatever else holds the EVSE. Refusals and offline EVSEs are retried.
/// </summary>
public sealed partial class SystemActor
{
    /// <summary>EVSEs a disable was sent to and not answered yet.</summary>
    private readonly HashSet<string> _taking = new(StringComparer.Ordinal);

    /// <summary>EVSEs a release was sent to and not answered yet.</summary>
    private readonly HashSet<string> _returning = new(StringComparer.Ordinal);

    /// <summary>EVSEs that confirmed our disable.</summary>
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);

    /// <summary>EVSEs that confirmed our release while giving back.</summary>
    private readonly HashSet<string> _released = new(StringComparer.Ordinal);

    private DateTimeOffset? _lastHeartbeatAt;

    private void OnEvseStatus(EvseStatus status)
    {
        if (!_charger.EvseIds.Contains(status.EvseId, StringComparer.Ordinal))
        {
            return;
        }

        _evses[status.EvseId] = status;
        if (_job is { EvsesTaken: true } job)
        {
            if (job.Ended)
            {
                ReturnEvses();
            }
            else if (_slotGranted)
            {
                TakeEvses();
            }
        }

        TryPendingReset();
    }

    /// <summary>Disables every idle EVSE not yet disabled; installs once all are.</summary>
    private void TakeEvses()
    {
        var job = _job!;
        if (!_slotGranted || job.Ended || _installing || job.Step.IsInstallPhase())
        {
            return;
        }

        var busy = new List<string>();
        foreach (var evseId in _charger.EvseIds)
        {
            if (_disabled.Contains(evseId) || _taking.Contains(evseId))
            {
                continue;
            }

            if (!_evses.TryGetValue(evseId, out var status) || !status.Online)
            {
                busy.Add($"{evseId} offline");
                continue;
            }

            if (status.TransactionOpen)
            {
                busy.Add($"{evseId} charging");
                continue;
            }

            _taking.Add(evseId);
            SendAvailability(evseId, EnableState.Disable);
        }

        if (_disabled.Count == _charger.EvseIds.Count)
        {
            Timers.Cancel(StopTransactionsTimer);
            Install();
            return;
        }

        if (busy.Count > 0)
        {
            Report(FirmwareStep.InstallScheduled, $"waiting until every EVSE is idle ({string.Join(", ", busy)})");
        }
    }

    /// <summary>Starts the operator's deadline for busy EVSEs (<c>firmware.stop-transactions-after</c>), if one is configured.</summary>
    private void StartStopTransactionsDeadline()
    {
        if (_settings.StopTransactionsAfter is { } after && !Timers.IsTimerActive(StopTransactionsTimer))
        {
            Timers.StartSingleTimer(StopTransactionsTimer, new FirmwareTimer(StopTransactionsTimer), after);
        }
    }

    /// <summary>
    /// The deadline passed with EVSEs still charging: stops their transactions, so each is disabled as its
    /// transaction ends and the installation proceeds. Asked again while an EVSE keeps its transaction.
    /// </summary>
    private void StopBusyTransactions()
    {
        if (_job is not { EvsesTaken: true, Ended: false } job || !_slotGranted || _installing || job.Step.IsInstallPhase())
        {
            return;
        }

        var stopped = 0;
        foreach (var evseId in _charger.EvseIds)
        {
            if (_disabled.Contains(evseId) || !_evses.TryGetValue(evseId, out var status) || !status.Online || !status.TransactionOpen)
            {
                continue;
            }

            stopped++;
            _log.Warning("Charger {0}: stopping the transaction on EVSE {1}: firmware {2} waited {3} for it (firmware.stop-transactions-after)", _charger.ChargerId, evseId, job.RequestId, _settings.StopTransactionsAfter);
            _fleet.Ask<EvseCommandResult>(new EvseEnvelope(evseId, new StopTransaction(StopTransactionReason.Remote)), EvseCommandTimeout)
                .PipeTo(
                    Self,
                    success: result => new TransactionStopSent(evseId, result.Succeeded, result.FailureReason),
                    failure: error => new TransactionStopSent(evseId, false, error.Message));
        }

        if (stopped > 0)
        {
            Timers.StartSingleTimer(StopTransactionsTimer, new FirmwareTimer(StopTransactionsTimer), EvseRetryInterval);
        }
    }

    private void OnTransactionStopSent(TransactionStopSent sent)
    {
        if (!sent.Succeeded)
        {
            _log.Warning("Charger {0}: EVSE {1} did not stop its transaction ({2}); asking again", _charger.ChargerId, sent.EvseId, sent.Reason);
        }
    }

    /// <summary>Withdraws our disable entry from every EVSE; stores that they are back once all confirmed.</summary>
    private void ReturnEvses()
    {
        foreach (var evseId in _charger.EvseIds)
        {
            if (_released.Contains(evseId) || _returning.Contains(evseId))
            {
                continue;
            }

            if (_evses.TryGetValue(evseId, out var status) && !status.Online)
            {
                continue;
            }

            _returning.Add(evseId);
            SendAvailability(evseId, EnableState.Unassigned);
        }

        if (_released.Count < _charger.EvseIds.Count && !Timers.IsTimerActive(EvseRetryTimer))
        {
            Timers.StartSingleTimer(EvseRetryTimer, new FirmwareTimer(EvseRetryTimer), EvseRetryInterval);
        }
    }

    private void SendAvailability(string evseId, EnableState state)
    {
        var command = new SetAvailability(state, EnableSource.FirmwareUpdate, _settings.DisablePriority);
        var disable = state == EnableState.Disable;
        _fleet.Ask<EvseCommandResult>(new EvseEnvelope(evseId, command), EvseCommandTimeout)
            .PipeTo(
                Self,
                success: result => new EvseAvailabilitySet(evseId, disable, result.Succeeded, result.FailureReason),
                failure: error => new EvseAvailabilitySet(evseId, disable, false, error.Message));
    }

    private void OnEvseAvailabilitySet(EvseAvailabilitySet set)
    {
        if (set.Disabled)
        {
            _taking.Remove(set.EvseId);
            if (_job is not { EvsesTaken: true, Ended: false } || _returning.Count > 0)
            {
                return;
            }

            if (set.Succeeded)
            {
                _disabled.Add(set.EvseId);
                _log.Info("Charger {0}: EVSE {1} is out of service for the firmware installation", _charger.ChargerId, set.EvseId);
                TakeEvses();
            }
            else
            {
                _log.Warning("Charger {0}: EVSE {1} could not be disabled for the firmware installation ({2}); trying again", _charger.ChargerId, set.EvseId, set.Reason);
                Timers.StartSingleTimer(EvseRetryTimer, new FirmwareTimer(EvseRetryTimer), EvseRetryInterval);
            }

            return;
        }

        _returning.Remove(set.EvseId);
        if (!set.Succeeded)
        {
            _log.Warning("Charger {0}: EVSE {1} did not confirm it is back in service ({2}); trying again", _charger.ChargerId, set.EvseId, set.Reason);
            if (!Timers.IsTimerActive(EvseRetryTimer))
            {
                Timers.StartSingleTimer(EvseRetryTimer, new FirmwareTimer(EvseRetryTimer), EvseRetryInterval);
            }

            return;
        }

        _released.Add(set.EvseId);
        _disabled.Remove(set.EvseId);
        if (_released.Count < _charger.EvseIds.Count || _job is not { EvsesTaken: true } job)
        {
            return;
        }

        Timers.Cancel(EvseRetryTimer);
        Persist(new FirmwareEvsesReturned(job.RequestId, Now), e =>
        {
            Apply(e);
            _released.Clear();
            _log.Info("Charger {0}: every EVSE is back in service after firmware {1}", _charger.ChargerId, e.RequestId);
            var current = _job!;
            if (current.Ended)
            {
                LeaveRollout(current.RequestId, current.Step == FirmwareStep.Installed, current.Detail, cancelled: false);
                return;
            }

            // Given back before the installation (after a restart): queue for a place again.
            _slotRequested = false;
            _slotGranted = false;
            Advance();
        });
    }
}
