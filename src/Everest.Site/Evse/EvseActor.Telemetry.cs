using Akka.Event;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// Publications of the EVSE's evse_manager_consumer instance, dispatched on the payload type the decoder already
/// gave them. The publications that only update the live state are applied by <see cref="EvseLiveState.With"/>.
/// </summary>
public sealed partial class EvseActor
{
    /// <summary>Session lifecycle events already in the history (see <see cref="EvseSnapshot.DuplicatesIgnored"/>).</summary>
    private long _duplicatesIgnored;

    /// <summary>Audited corrections of contradicting lifecycle events (see <see cref="EvseSnapshot.Contradictions"/>).</summary>
    private long _contradictions;

    private void OnPublication(EverestMessage message)
    {
        switch (message.Payload)
        {
            // heartbeat is the only evse_manager_consumer publication with an unsigned counter.
            case ulong counter:
                OnHeartbeat(counter);
                break;
            case SessionEvent sessionEvent:
                // What a car said about itself belongs to its session: the next car starts without it.
                _live = sessionEvent.Event == SessionEventType.SessionFinished
                    ? _live with { LastSessionEvent = sessionEvent, EvInfo = null }
                    : _live with { LastSessionEvent = sessionEvent };
                OnSessionEvent(message, sessionEvent);
                break;
            case Powermeter meter:
                OnPowermeter(message, meter);
                break;
            case HardwareCapabilities hardware:
                OnHardwareCapabilities(hardware);
                break;
            case SessionInfo info:
                _live = _live with { SessionInfo = info };
                ReconcileIfAwaited(info);
                break;
            default:
                if (_live.With(message) is { } live)
                {
                    _live = live;
                }
                else
                {
                    Reject(message.Topic.ToString(), $"'{message.OperationName}' is not an evse_manager_consumer publication this actor takes (payload {message.Payload?.GetType().Name ?? "none"})");
                }

                break;
        }
    }

    private void OnSessionEvent(EverestMessage message, SessionEvent sessionEvent)
    {
        var context = new SessionEventContext(_history, _pending.SitePauseReason, _pending.SiteResumeRequested, _pending.RequestedReservation, _pending.SiteCancelledReservation, _live.OcmfPublicKey);
        var translation = SessionEventTranslator.Translate(sessionEvent, context);
        if (translation.Rejection is { } reason)
        {
            Reject(message.Topic.ToString(), reason, ordinary: InRestartOverlap);
            return;
        }

        if (translation.IsDuplicate)
        {
            // Expected after a crash: the broker delivers again what was not acknowledged. Counted, not logged per event.
            _duplicatesIgnored++;
            return;
        }

        foreach (var correction in translation.Events.OfType<SessionReconciled>())
        {
            OnContradiction(correction);
        }

        var (events, pending) = _pending.Recorded(translation.Events).AttachCsmsTransactionId(translation.Events);
        _pending = pending;
        Record(events);
    }

    private void OnContradiction(SessionReconciled correction)
    {
        _contradictions++;
        if (_contradictions == 1 || _contradictions % RejectionLogEvery == 0)
        {
            _log.Warning("EVSE {EvseId}: session {SessionUuid} reconciled ({Count} corrections so far): {Reason}", _settings.EvseId, correction.SessionUuid, _contradictions, correction.Reason);
        }
    }

    private void OnPowermeter(EverestMessage message, Powermeter meter)
    {
        _live = _live with { Powermeter = meter };
        if (SessionEventTranslator.ImportedWh(meter) is not { } importedWh)
        {
            Reject(message.Topic.ToString(), "powermeter without energy_Wh_import.total");
            return;
        }

        var current = meter.CurrentA is { } amperes ? new PhaseCurrents(amperes.L1 ?? 0, amperes.L2 ?? 0, amperes.L3 ?? 0) : null;
        var reading = new MeterReading(meter.Timestamp, importedWh, meter.PowerW?.Total, current);
        if (MeterSampleDecimator.ShouldKeep(_settings.MeterSamples, _history.LastSample, reading))
        {
            Record(new MeterSampled(_history.Session?.Uuid, reading));
        }
    }

    private void OnHardwareCapabilities(HardwareCapabilities hardware)
    {
        _live = _live with { HardwareCapabilities = hardware };
        var changed = new HardwareCapabilitiesChanged(
            _time.GetUtcNow(),
            hardware.MinCurrentAImport,
            hardware.MaxCurrentAImport,
            hardware.MinPhaseCountImport,
            hardware.MaxPhaseCountImport,
            hardware.SupportsChangingPhasesDuringCharging);

        // EVerest republishes its capabilities; only a difference is history.
        if (_history.Hardware is not { } known || known with { At = changed.At } != changed)
        {
            Record(changed);
        }
    }
}
