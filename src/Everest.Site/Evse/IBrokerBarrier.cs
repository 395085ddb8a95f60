namespace Everest.Site.Evse;

/// <summary>
/// A marker the controller sends itself through the broker to learn that the broker has handed over everything it
/// held for us before the marker. An EVSE actor that must decide from a <c>session_info</c> whether a transaction
/// ended while it was away asks for one: QoS 0 publications such as <c>session_info</c> overtake QoS 1 session events
/// that wait at the broker (behind its in-flight window while earlier ones are not acknowledged, or queued for our
/// session while we were disconnected), and only the marker's return says that those events have arrived.
/// </summary>
public interface IBrokerBarrier
{
    /// <summary>
    /// Sends the marker <paramref name="nonce"/> for <paramref name="evseId"/>; it comes back to that EVSE's inbox as
    /// <see cref="BrokerBarrierPassed"/>, after every message the broker queued for us before it. Fails when the
    /// marker cannot be published (the broker away); the caller asks again later.
    /// </summary>
    Task RequestAsync(string evseId, long nonce);
}
