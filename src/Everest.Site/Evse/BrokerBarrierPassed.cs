namespace Everest.Site.Evse;

/// <summary>
/// A marker an EVSE actor asked for (<see cref="IBrokerBarrier"/>) came back through the broker: every message the
/// broker held for the controller before the marker has reached this EVSE's inbox ahead of this one.
/// </summary>
/// <param name="Nonce">The number the actor sent, so that a marker of an earlier incarnation or request is told apart.</param>
public sealed record BrokerBarrierPassed(long Nonce);
