using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Tests.Billing;

/// <summary>Writes an EVSE history as a test reads it: events numbered in journal order.</summary>
internal sealed class History
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly IdToken Card = new("04A2B3C4", "ISO14443");

    private readonly List<(long, IEvseHistoryEvent)> _events = [];

    public IReadOnlyList<(long SequenceNr, IEvseHistoryEvent Event)> Events => _events;

    public History Add(params IEvseHistoryEvent[] events)
    {
        foreach (var e in events)
        {
            _events.Add((_events.Count + 1, e));
        }

        return this;
    }

    public SessionHistory Fold() => BillingHistoryFold.Replay(_events);

    /// <summary>A plain transaction: plugged at <paramref name="start"/>, charging after a minute, stopped after <paramref name="charging"/>.</summary>
    public static History OneTransaction(string uuid, DateTimeOffset start, TimeSpan charging, double meterStart, double meterStop, IdToken? token = null) =>
        new History().Add(
            new SessionStarted(uuid, start, "EVConnected", null, meterStart, null),
            new TransactionStarted(uuid, start, token ?? Card, meterStart, null, null),
            new ChargingStarted(uuid, start.AddMinutes(1), meterStart),
            new ChargingPaused(uuid, start.AddMinutes(1) + charging, PauseCause.Ev, null, meterStop),
            new TransactionFinished(uuid, start.AddMinutes(2) + charging, "EVDisconnected", meterStop, null, null, null),
            new SessionFinished(uuid, start.AddMinutes(2) + charging, meterStop));
}
