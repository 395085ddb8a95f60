using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.GroundTruth;

namespace Everest.Site.Simulator.Site;

/// <summary>Keeping the session ground truth in step with the session events.</summary>
public sealed partial class SiteSimulator
{
    private void RecordSessionEvent(SimulatedEvse evse, SessionEventRecord record)
    {
        if (record.SessionUuid.Length == 0)
        {
            return;
        }

        switch (record.Kind)
        {
            case SessionEventKind.SessionStarted:
                GroundTruth.Update(record.SessionUuid, _ => new SessionTruth
                {
                    SessionUuid = record.SessionUuid,
                    EvseModuleId = evse.ModuleId,
                    EvseId = evse.Options.Hardware.EvseId,
                    StartedAt = record.Timestamp,
                    IdTag = record.IdTag?.Value,
                });
                break;
            case SessionEventKind.TransactionStarted:
                GroundTruth.Update(record.SessionUuid, s => s! with
                {
                    TransactionStartedAt = record.Timestamp,
                    MeterStartMilliWh = record.Meter.EnergyImportMilliWh,
                    IdTag = record.IdTag?.Value ?? s.IdTag,
                    ReservationId = record.ReservationId,
                });
                break;
            case SessionEventKind.ChargingPausedEVSE:
                GroundTruth.Update(record.SessionUuid, s => s! with { PausesByEvse = s.PausesByEvse + 1 });
                break;
            case SessionEventKind.ChargingPausedEV:
                GroundTruth.Update(record.SessionUuid, s => s! with { PausesByVehicle = s.PausesByVehicle + 1 });
                break;
            case SessionEventKind.TransactionFinished:
                GroundTruth.Update(record.SessionUuid, s => s! with
                {
                    TransactionFinishedAt = record.Timestamp,
                    MeterStopMilliWh = record.Meter.EnergyImportMilliWh,
                    StopReason = record.StopReason?.ToString(),
                });
                break;
            case SessionEventKind.SessionFinished:
                GroundTruth.Update(record.SessionUuid, s => s! with { FinishedAt = record.Timestamp });
                break;
            default:
                break;
        }
    }
}
