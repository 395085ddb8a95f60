namespace Everest.Site.Evse;

/// <summary>How each EVSE's inbox holds what waits for its actor.</summary>
/// <param name="TelemetryCapacity">
/// Telemetry (powermeter, limits, heartbeats, … everything but session events, OCPP transaction events, commands
/// and queries) held at most; past it the oldest telemetry is dropped and counted. The rest is never dropped.
/// </param>
/// <param name="MaxInFlight">Deliveries handed to the actor and not yet acknowledged; the rest waits in the inbox, where the telemetry bound applies.</param>
/// <param name="MaxDeliveryAttempts">
/// How often one message may be handed to a fresh actor that then failed while handling it, before it is given up
/// as poison (a failure of the journal does not count: the message is not at fault).
/// </param>
public sealed record EvseInboxSettings(int TelemetryCapacity, int MaxInFlight, int MaxDeliveryAttempts)
{
    public static EvseInboxSettings Default { get; } = new(TelemetryCapacity: 1024, MaxInFlight: 32, MaxDeliveryAttempts: 3);
}
