using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>
/// What an EVSE's persisted history says about it now: the fold of its <see cref="IEvseHistoryEvent"/>s.
/// The EVSE actor rebuilds it on recovery and keeps it current as it persists; live telemetry that is not
/// history (power, EV info, limits) is kept elsewhere. <see cref="Apply"/> is total: it never throws, so a
/// stored history always recovers.
/// </summary>
public sealed record EvseHistoryState(
    bool? Online,
    bool? Enabled,
    string? EnableSource,
    int? EnablePriority,
    ActiveReservation? Reservation,
    OpenSession? Session,
    OpenTransaction? Transaction,
    MeterReading? LastSample,
    double? LastKnownMeterWh,
    HardwareCapabilitiesChanged? Hardware,
    SessionEventKeys? RecentLifecycle = null)
{
    /// <summary>The recent lifecycle events (never null; absent from snapshots written before it existed).</summary>
    public SessionEventKeys RecentLifecycleEvents => RecentLifecycle ?? SessionEventKeys.Empty;

    /// <summary>Nothing known yet: a new EVSE.</summary>
    public static EvseHistoryState Initial { get; } = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>The state after <paramref name="historyEvent"/>.</summary>
    public EvseHistoryState Apply(IEvseHistoryEvent historyEvent) =>
        SessionEventKeys.KeyOf(historyEvent) is { } key
            ? Fold(historyEvent) with { RecentLifecycle = RecentLifecycleEvents.With(key) }
            : Fold(historyEvent);

    private EvseHistoryState Fold(IEvseHistoryEvent historyEvent) => historyEvent switch
    {
        SessionStarted e => WithMeter(e.MeterWh) with
        {
            Session = new OpenSession(e.SessionUuid, e.At, e.Reason, e.IdToken, e.ReservationId, Authorized: false),
        },
        Authorized e => WithMeter(e.MeterWh) with { Session = Session is { } s && s.Uuid == e.SessionUuid ? s with { Authorized = true } : Session },
        Deauthorized e => WithMeter(e.MeterWh) with { Session = Session is { } s && s.Uuid == e.SessionUuid ? s with { Authorized = false } : Session },
        TransactionStarted e => WithMeter(e.MeterWh) with
        {
            Transaction = OpenTransaction.From(e),

            // A reservation used by its driver ends silently in EVerest: the transaction's reservation id is all we get.
            Reservation = e.ReservationId is { } id && Reservation?.ReservationId == id ? null : Reservation,
        },
        ChargingStarted e => WithMeter(e.MeterWh) with { Transaction = OnTransaction(e.SessionUuid, t => t with { Phase = ChargingPhase.Charging, PausedBy = null, PausedSince = null }) },
        ChargingPaused e => WithMeter(e.MeterWh) with
        {
            Transaction = OnTransaction(e.SessionUuid, t => t with
            {
                Phase = ChargingPhase.Paused,
                PausedBy = e.Cause,
                PausedSince = e.At,
                PausesBySite = t.PausesBySite + (e.Cause == PauseCause.Site ? 1 : 0),
            }),
        },
        ChargingResumed e => WithMeter(e.MeterWh) with { Transaction = OnTransaction(e.SessionUuid, t => t with { Phase = ChargingPhase.Charging, PausedBy = null, PausedSince = null }) },
        TransactionFinished e when Transaction?.SessionUuid == e.SessionUuid => WithMeter(e.MeterWh) with { Transaction = null },

        // A late finish of a transaction closed earlier: its meter is older than what may have been read since.
        TransactionFinished e => this with { LastKnownMeterWh = Math.Max(LastKnownMeterWh ?? e.MeterWh, e.MeterWh) },
        SessionFinished e => WithMeter(e.MeterWh) with
        {
            Session = Session?.Uuid == e.SessionUuid ? null : Session,

            // A session cannot outlive its transaction; a transaction left open here was never finished by EVerest.
            Transaction = Transaction?.SessionUuid == e.SessionUuid ? null : Transaction,
        },
        ReservationStarted e => this with { Reservation = new ActiveReservation(e.ReservationId, e.At, e.ExpiresAt) },
        ReservationEnded e => this with { Reservation = Reservation?.ReservationId == e.ReservationId ? null : Reservation },
        AvailabilityChanged e => this with { Enabled = e.Enabled, EnableSource = e.Source, EnablePriority = e.Priority },
        WentOffline => this with { Online = false },
        CameOnline => this with { Online = true },
        HardwareCapabilitiesChanged e => this with { Hardware = e },
        CsmsTransactionIdAssigned e => this with { Transaction = OnTransaction(e.SessionUuid, t => t with { CsmsTransactionId = e.TransactionId }) },
        MeterSampled e => WithMeter(e.Reading.ImportedWh) with { LastSample = e.Reading },
        _ => this,
    };

    /// <summary>The state after every event of <paramref name="history"/>, in order.</summary>
    public static EvseHistoryState Replay(IEnumerable<IEvseHistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Aggregate(Initial, (state, e) => state.Apply(e));
    }

    private EvseHistoryState WithMeter(double? meterWh) =>
        meterWh is { } wh ? this with { LastKnownMeterWh = wh } : this;

    private OpenTransaction? OnTransaction(string sessionUuid, Func<OpenTransaction, OpenTransaction> change) =>
        Transaction is { } t && t.SessionUuid == sessionUuid ? change(t) : Transaction;
}
