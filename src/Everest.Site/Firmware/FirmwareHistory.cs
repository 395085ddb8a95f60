using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware.Events;
using Everest.Site.Firmware.RolloutEvents;

namespace Everest.Site.Firmware;

/// <summary>A charger's firmware step and the site's last rollout as the journal tells them (for a process other than the controller).</summary>
public static class FirmwareHistory
{
    public static ChargerFirmwareStep StepOf(string chargerId, IEnumerable<ISystemEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        FirmwareJob? job = null;
        var boot = BootReason.Unknown.Value;
        foreach (var e in events)
        {
            switch (e)
            {
                case FirmwareUpdateAccepted accepted:
                    job = FirmwareJob.Accepted(accepted);
                    break;
                case BootReasonRecorded recorded:
                    boot = recorded.Reason;
                    break;
                default:
                    job = job?.Apply(e);
                    break;
            }
        }

        return job is null
            ? new ChargerFirmwareStep(chargerId, null, FirmwareStep.Idle, null, null, boot)
            : new ChargerFirmwareStep(chargerId, job.RequestId, job.Step, job.Detail, job.Since, boot);
    }

    /// <summary>
    /// The last rollout in the rollout's journal (<see cref="FirmwareRolloutActor.RolloutPersistenceId"/>), and whether
    /// it closed; null when there never was one. Which chargers wait for a place is not stored (they ask again after
    /// a restart), so <see cref="RolloutSummary.Waiting"/> is empty.
    /// </summary>
    public static (RolloutSummary Rollout, bool Closed)? RolloutOf(IEnumerable<IRolloutEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        RolloutSummary? rollout = null;
        var closed = false;
        foreach (var e in events)
        {
            if (e is FirmwareRolloutBegun begun)
            {
                rollout = new RolloutSummary(begun.RolloutId, null, false, [], [], [], null);
                closed = false;
                continue;
            }

            if (rollout is null || rollout.Id != e.RolloutId)
            {
                continue;
            }

            switch (e)
            {
                case FirmwareRolloutChargerGranted granted:
                    rollout = rollout with
                    {
                        Canary = granted.Canary ? granted.ChargerId : rollout.Canary,
                        Installing = [.. rollout.Installing.Where(c => c != granted.ChargerId), granted.ChargerId],
                    };
                    break;
                case FirmwareRolloutChargerEnded ended:
                    var installed = ended.Outcome == RolloutChargerOutcome.Installed;
                    rollout = rollout with
                    {
                        Installing = [.. rollout.Installing.Where(c => c != ended.ChargerId)],
                        Done = installed ? [.. rollout.Done, ended.ChargerId] : rollout.Done,
                        CanaryBack = rollout.CanaryBack || (installed && rollout.Canary == ended.ChargerId),
                    };
                    break;
                case FirmwareRolloutHalted halted:
                    rollout = rollout with { Halted = rollout.Halted ?? halted.Reason };
                    break;
                case FirmwareRolloutClosed:
                    closed = true;
                    break;
            }
        }

        return rollout is null ? null : (rollout, closed);
    }
}
