using Everest.Site.Evse;

namespace Everest.Site.Http;

/// <summary>
/// The data of a <c>session</c> server-sent event: one event stored in an EVSE's history, by its type name
/// (<c>SessionStarted</c>, <c>TransactionStarted</c>, <c>ChargingPaused</c>, <c>TransactionFinished</c>,
/// <c>ReservationStarted</c>, <c>AvailabilityChanged</c>, …) with its fields as stored.
/// </summary>
public sealed record SessionEvent(string EvseId, long SequenceNr, string Type, DateTimeOffset At, object Event)
{
    public static SessionEvent From(EvseHistoryAppended appended)
    {
        ArgumentNullException.ThrowIfNull(appended);
        return new SessionEvent(appended.EvseId, appended.SequenceNr, appended.Event.GetType().Name, appended.Event.At, appended.Event);
    }
}
