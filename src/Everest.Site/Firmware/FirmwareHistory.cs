using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>A charger's firmware step as its system actor's journal tells it (for a process other than the controller).</summary>
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
}
