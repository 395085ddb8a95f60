using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>A decoded <c>e2m</c> publication of the EVSE's evse_manager_consumer instance, routed to its actor.</summary>
public sealed record EverestPublication(EverestMessage Message);

/// <summary>
/// A message on one of the EVSE's <c>e2m</c> topics that could not be decoded (malformed JSON, wrong types);
/// the actor counts it under its topic.
/// </summary>
public sealed record EverestPublicationRejected(string Topic, string Reason);

/// <summary>
/// An ocpp_consumer <c>ocpp_transaction_event</c> of the EVSE's charger. Every EVSE of the charger gets it; the one
/// whose session uuid equals <c>session_id</c> records the CSMS transaction id.
/// </summary>
public sealed record OcppTransactionObserved(OcppTransactionEvent Event);
