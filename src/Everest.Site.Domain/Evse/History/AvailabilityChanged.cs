namespace Everest.Site.Domain.Evse.History;

/// <summary>
/// The EVSE was enabled or disabled.
/// </summary>
/// <param name="Source">EVerest's enable_source verbatim (<c>LocalAPI</c>, <c>CSMS</c>, <c>FirmwareUpdate</c>, …).</param>
/// <param name="Priority">EVerest's enable_priority: 0 is strongest.</param>
public sealed record AvailabilityChanged(bool Enabled, string Source, int Priority, DateTimeOffset At) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.availability-changed.v1";
}
