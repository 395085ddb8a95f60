using Everest.Site.Domain.Firmware;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>The persisted state of a charger's current (or last) firmware update.</summary>
/// <param name="Order">The accepted request.</param>
/// <param name="Reported">Every status reported for it, in order (never one twice).</param>
/// <param name="ImagePath">The complete downloaded image, once there is one.</param>
/// <param name="EvsesTaken">Our disable entries may be in force on the charger's EVSEs (until <see cref="FirmwareEvsesReturned"/>).</param>
/// <param name="Detail">Why the last step happened, for failures and waits.</param>
internal sealed record FirmwareJob(FirmwareUpdateAccepted Order, IReadOnlyList<FirmwareStep> Reported, string? ImagePath, bool EvsesTaken, string? Detail, DateTimeOffset Since)
{
    public int RequestId => Order.RequestId;

    public FirmwareStep Step => Reported.Count == 0 ? FirmwareStep.Idle : Reported[^1];

    public bool Ended => Step.IsEnd();

    public static FirmwareJob Accepted(FirmwareUpdateAccepted order) => new(order, [], null, false, null, order.At);

    public FirmwareJob Apply(ISystemEvent e) => e switch
    {
        FirmwareStepReached reached when reached.RequestId == RequestId => this with
        {
            Reported = [.. Reported, reached.Step],
            ImagePath = reached.Step == FirmwareStep.Downloaded ? reached.Detail : ImagePath,
            Detail = reached.Step == FirmwareStep.Downloaded ? null : reached.Detail,
            Since = reached.At,
        },
        FirmwareEvsesTaken taken when taken.RequestId == RequestId => this with { EvsesTaken = true },
        FirmwareEvsesReturned returned when returned.RequestId == RequestId => this with { EvsesTaken = false },
        _ => this,
    };
}
