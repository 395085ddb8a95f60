using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using TransactionFinished = Everest.Site.Domain.Evse.History.TransactionFinished;

namespace Everest.Site.Evse;

public sealed partial class EvseActor
{
    private void OnPublication(EverestMessage message)
    {
        var payload = message.Payload;
        switch (message.OperationName, payload)
        {
            case ("heartbeat", ulong counter):
                OnHeartbeat(counter);
                break;
            case ("session_event", SessionEvent sessionEvent):
                _live = _live with { LastSessionEvent = sessionEvent };
                OnSessionEvent(message, sessionEvent);
                break;
            case ("powermeter", Powermeter meter):
                OnPowermeter(message, meter);
                break;
            case ("hw_capabilities", HardwareCapabilities hardware):
                OnHardwareCapabilities(hardware);
                break;
            case ("powermeter_public_key_ocmf", string key):
                _live = _live with { OcmfPublicKey = key };
                break;
            case ("evse_id", string evseId):
                _live = _live with { EvseId = evseId };
                break;
            case ("session_info", SessionInfo info):
                _live = _live with { SessionInfo = info };
                ReconcileIfAwaited(info);
                break;
            case ("limits", Limits limits):
                _live = _live with { Limits = limits };
                break;
            case ("enforced_limits", EnforcedLimits limits):
                _live = _live with { EnforcedLimits = limits };
                break;
            case ("ev_info", EvInfo info):
                _live = _live with { EvInfo = info };
                break;
            case ("car_manufacturer", CarManufacturer manufacturer):
                _live = _live with { CarManufacturer = manufacturer };
                break;
            case ("ready", bool ready):
                _live = _live with { Ready = ready };
                break;
            case ("waiting_for_external_ready", bool waiting):
                _live = _live with { WaitingForExternalReady = waiting };
                break;
            case ("selected_protocol", string protocol):
                _live = _live with { SelectedProtocol = protocol };
                break;
            case ("supported_energy_transfer_modes", IReadOnlyList<EnergyTransferMode> modes):
                _live = _live with { SupportedEnergyTransferModes = modes };
                break;
            case ("ac_nr_of_phases_available", int phases):
                _live = _live with { PhasesAvailable = phases };
                break;
            case ("ac_pp_ampacity", ProximityPilot ampacity):
                _live = _live with { CableAmpacity = ampacity };
                break;
            case ("dlink_ready", bool ready):
                _live = _live with { DlinkReady = ready };
                break;
            case ("isolation_measurement", IsolationMeasurement isolation):
                _live = _live with { Isolation = isolation };
                break;
            case ("dc_voltage_current", DcVoltageCurrent values):
                _live = _live with { DcVoltageCurrent = values };
                break;
            case ("dc_mode", DcSupplyMode mode):
                _live = _live with { DcMode = mode };
                break;
            case ("dc_capabilities", DcCapabilities capabilities):
                _live = _live with { DcCapabilities = capabilities };
                break;
            case ("random_delay_countdown", RandomDelayCountdown countdown):
                _live = _live with { RandomDelayCountdown = countdown };
                break;
            default:
                Reject(message.Topic.ToString(), $"'{message.OperationName}' is not an evse_manager_consumer publication this actor takes (payload {payload?.GetType().Name ?? "none"})");
                break;
        }
    }

    private void OnSessionEvent(EverestMessage message, SessionEvent sessionEvent)
    {
        var context = new SessionEventContext(_history, _sitePauseReason, _siteResumeRequested, _requestedReservation, _siteCancelledReservation, _live.OcmfPublicKey);
        var translation = SessionEventTranslator.Translate(sessionEvent, context);
        if (translation.Rejection is { } reason)
        {
            Reject(message.Topic.ToString(), reason);
            return;
        }

        // A request of ours has had its effect once the event it caused is in the history.
        foreach (var historyEvent in translation.Events)
        {
            switch (historyEvent)
            {
                case ChargingPaused { Cause: PauseCause.Site }:
                    _sitePauseReason = null;
                    break;
                case ChargingResumed { Cause: PauseCause.Site }:
                    _siteResumeRequested = false;
                    break;
                case ReservationStarted:
                    _requestedReservation = null;
                    break;
                case ReservationEnded:
                    _siteCancelledReservation = false;
                    break;
                case TransactionFinished:
                    // Nothing pending of ours can belong to the next transaction.
                    _sitePauseReason = null;
                    _siteResumeRequested = false;
                    break;
            }
        }

        Record(WithPendingCsmsTransactionId(translation.Events));
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
            Context.System.TimeProvider.GetUtcNow(),
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
