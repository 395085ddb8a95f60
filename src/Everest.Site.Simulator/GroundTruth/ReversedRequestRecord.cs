namespace Everest.Site.Simulator.GroundTruth;

/// <summary>
/// A request the simulated EVerest sent to the controller (system <c>update_firmware</c>, ocpp
/// <c>data_transfer_incoming</c>, …) or a notification (<c>reset</c>, <c>allow_firmware_installation</c>),
/// with the controller's answer when one came.
/// </summary>
public sealed record ReversedRequestRecord(
    DateTimeOffset SentAt,
    string Api,
    string ModuleId,
    string Operation,
    string? Payload,
    string? ReplyTo)
{
    public string? Reply { get; init; }

    public DateTimeOffset? RepliedAt { get; init; }

    /// <summary>No answer within the timeout: EVerest would now use its default.</summary>
    public bool TimedOut { get; init; }
}
