using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;

namespace Everest.Site.Evse;

/// <summary>
/// A message that arrived from the broker whose acknowledgement (PUBACK) waits until what it caused is stored: the
/// EVSE's inbox acknowledges <see cref="BrokerAcknowledgement"/> when its actor acknowledged the delivery (or when the
/// inbox gives the message up). Null when the broker needs no such wait (telemetry, QoS 0, the in-memory broker).
/// </summary>
public interface IAcknowledgedAfterStoring
{
    IMqttAcknowledgement? BrokerAcknowledgement { get; }
}

/// <summary>A decoded <c>e2m</c> publication of the EVSE's evse_manager_consumer instance, routed to its actor.</summary>
public sealed record EverestPublication(EverestMessage Message) : IAcknowledgedAfterStoring
{
    /// <summary>Set by the router for billable publications (session_event): acknowledged to the broker once stored.</summary>
    public IMqttAcknowledgement? BrokerAcknowledgement { get; init; }
}

/// <summary>
/// A message on one of the EVSE's <c>e2m</c> topics that could not be decoded (malformed JSON, wrong types);
/// the actor counts it under its topic.
/// </summary>
public sealed record EverestPublicationRejected(string Topic, string Reason);

/// <summary>
/// An ocpp_consumer <c>ocpp_transaction_event</c> of the EVSE's charger. Every EVSE of the charger gets it; the one
/// whose session uuid equals <c>session_id</c> records the CSMS transaction id.
/// </summary>
public sealed record OcppTransactionObserved(OcppTransactionEvent Event) : IAcknowledgedAfterStoring
{
    /// <summary>This EVSE's claim on the broker's acknowledgement of the event (each EVSE of the charger holds one).</summary>
    public IMqttAcknowledgement? BrokerAcknowledgement { get; init; }
}
