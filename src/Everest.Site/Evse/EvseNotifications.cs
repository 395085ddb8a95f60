using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Evse;

/// <summary>Published on the event stream after an event was stored in an EVSE's history (in journal order).</summary>
public sealed record EvseHistoryAppended(string EvseId, long SequenceNr, IEvseHistoryEvent Event);

/// <summary>
/// Published on the event stream when an EVSE actor refused an input (undecodable payload, unknown session
/// event, an event that does not fit the history such as TransactionFinished without a transaction).
/// </summary>
public sealed record EvseInputRejected(string EvseId, string Topic, string Reason);

/// <summary>Published on the event stream when what the site allocator needs to know about an EVSE changed.</summary>
public sealed record EvseStatusChanged(EvseStatus Status);
