using System.Collections.Immutable;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>
/// Folds the billing-relevant history of one EVSE, event by event in journal order, into charging sessions. Pure
/// and total: every event is accepted (an event that does not fit, such as the end of a transaction never seen
/// starting, changes nothing), so a stored history always folds, and the same events always give the same sessions.
/// </summary>
/// <remarks>
/// A transaction ends with its TransactionFinished. Where the history lost that event, the transaction is still
/// closed, marked <see cref="ChargingSession.Reconciled"/> and without a stop reason: at its session's
/// SessionFinished (with that event's meter), or at the next TransactionStarted (with the last meter seen during
/// the transaction, so no energy is billed that the history does not show). When EVerest's own TransactionFinished
/// arrives after such a reconciled close, it supersedes it: the session is closed again from where it stood before the
/// reconstructed close, with EVerest's end values, under the same <see cref="ChargingSession.FirstSequenceNr"/> (so the
/// read model replaces the row), and stays marked reconciled.
/// </remarks>
/// <param name="ReconciledClose">
/// The last transaction closed by a correction, as it was just before that close: what a late real finish supersedes.
/// </param>
public sealed record BillingHistoryFold(OpenSessionContext? Session, ChargingSession? Open, long LastSequenceNr, ChargingSession? ReconciledClose = null)
{
    /// <summary>Nothing seen yet.</summary>
    public static BillingHistoryFold Initial { get; } = new(null, null, 0);

    /// <summary>The fold after <paramref name="historyEvent"/>, stored under <paramref name="sequenceNr"/>.</summary>
    public BillingFoldStep Apply(long sequenceNr, IEvseHistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var next = this with { LastSequenceNr = Math.Max(LastSequenceNr, sequenceNr) };
        switch (historyEvent)
        {
            case SessionStarted e:
                return Step(next with { Session = new OpenSessionContext(e.SessionUuid, e.At, e.IdToken, e.ReservationId) });

            case TransactionStarted e:
                var abandoned = Open is { } previous
                    ? Close(previous, sequenceNr, e.At, previous.MeterPoints[^1].Wh, reason: null, previous.SignedStart, signedEnd: null, publicKey: null, reconciled: true)
                    : null;
                var reservation = e.ReservationId ?? (Session is { } s && s.Uuid == e.SessionUuid ? s.ReservationId : null);
                var meter = ToWh(e.MeterWh);
                var opened = new ChargingSession(
                    e.SessionUuid, CsmsTransactionId: null, e.IdTag, reservation, e.At, StoppedAt: null, meter, MeterStopWh: null,
                    StopReason: null, e.SignedStart, SignedEnd: null, OcmfPublicKey: null, e.Reconciled, SitePauseCount: 0,
                    [new PhaseChange(e.At, SessionPhase.NotYetCharging)], [new MeterPoint(e.At, meter)], sequenceNr, sequenceNr);
                return Step(next with { Open = opened, ReconciledClose = Open ?? ReconciledClose }, abandoned);

            case ChargingStarted e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => WithPhase(WithMeter(t, e.At, e.MeterWh), e.At, SessionPhase.Charging));

            case ChargingResumed e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => WithPhase(WithMeter(t, e.At, e.MeterWh), e.At, SessionPhase.Charging));

            case ChargingPaused e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t =>
                {
                    var paused = WithPhase(WithMeter(t, e.At, e.MeterWh), e.At, PhaseOf(e.Cause));
                    return e.Cause == PauseCause.Site ? paused with { SitePauseCount = paused.SitePauseCount + 1 } : paused;
                });

            case Authorized e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => WithMeter(t, e.At, e.MeterWh));

            case Deauthorized e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => WithMeter(t, e.At, e.MeterWh));

            case MeterSampled e when Open is { } t && (e.SessionUuid is null || e.SessionUuid == t.SessionUuid) && e.At >= t.StartedAt:
                return OnOpen(next, t.SessionUuid, sequenceNr, open => WithMeter(open, e.At, e.Reading.ImportedWh));

            // The audit record of a correction: the reconciled events that follow close or open the transaction; the
            // one it concerns is marked reconciled so that its charge detail record says its figures were corrected.
            case SessionReconciled e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => t with { Reconciled = true });

            case CsmsTransactionIdAssigned e:
                return OnOpen(next, e.SessionUuid, sequenceNr, t => t with { CsmsTransactionId = e.TransactionId });

            case TransactionFinished e when Open is { } t && t.SessionUuid == e.SessionUuid:
                var finished = Close(t, sequenceNr, e.At, ToWh(e.MeterWh), e.Reason, e.SignedStart ?? t.SignedStart, e.SignedEnd, e.OcmfPublicKey, t.Reconciled || e.Reconciled);
                return Step(next with { Open = null, ReconciledClose = e.Reconciled ? t : ReconciledClose }, finished);

            // EVerest's own end of a transaction we closed by a correction, arriving late: its values are the real ones.
            case TransactionFinished { Reconciled: false } e when ReconciledClose is { } r && r.SessionUuid == e.SessionUuid:
                var superseding = Close(r, sequenceNr, e.At, ToWh(e.MeterWh), e.Reason, e.SignedStart ?? r.SignedStart, e.SignedEnd, e.OcmfPublicKey, reconciled: true);
                return Step(next with { ReconciledClose = null }, superseding);

            case SessionFinished e:
                var unfinished = Open is { } o && o.SessionUuid == e.SessionUuid
                    ? Close(o, sequenceNr, e.At, e.MeterWh is { } wh ? ToWh(wh) : o.MeterPoints[^1].Wh, reason: null, o.SignedStart, signedEnd: null, publicKey: null, reconciled: true)
                    : null;
                return Step(
                    next with
                    {
                        Open = unfinished is null ? Open : null,
                        Session = Session?.Uuid == e.SessionUuid ? null : Session,
                        ReconciledClose = unfinished is null ? ReconciledClose : Open,
                    },
                    unfinished);

            default:
                return Step(next);
        }
    }

    /// <summary>Folds a whole history (in journal order) into its finished sessions and the one still running, if any.</summary>
    public static SessionHistory Replay(IEnumerable<(long SequenceNr, IEvseHistoryEvent Event)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var state = Initial;
        var finished = ImmutableArray.CreateBuilder<ChargingSession>();
        var placeOf = new Dictionary<long, int>();
        foreach (var (sequenceNr, historyEvent) in history)
        {
            var step = state.Apply(sequenceNr, historyEvent);
            foreach (var session in step.Finished)
            {
                // A late real finish supersedes a reconciled close: the session keeps its place, with the real end.
                if (placeOf.TryGetValue(session.FirstSequenceNr, out var place))
                {
                    finished[place] = session;
                }
                else
                {
                    placeOf[session.FirstSequenceNr] = finished.Count;
                    finished.Add(session);
                }
            }

            state = step.State;
        }

        return new SessionHistory(finished.ToImmutable(), state.Open);
    }

    /// <summary>The meter register as billing keeps it: decimal Wh, from the double EVerest reports.</summary>
    public static decimal ToWh(double wh) => double.IsFinite(wh) && Math.Abs(wh) < 1e15 ? Math.Round((decimal)wh, 3, MidpointRounding.AwayFromZero) : 0m;

    private static SessionPhase PhaseOf(PauseCause cause) => cause switch
    {
        PauseCause.Ev => SessionPhase.PausedByEv,
        PauseCause.Site => SessionPhase.PausedBySite,
        _ => SessionPhase.PausedByCharger,
    };

    private static BillingFoldStep Step(BillingHistoryFold state, ChargingSession? finished = null) =>
        new(state, finished is null ? [] : [finished]);

    private BillingFoldStep OnOpen(BillingHistoryFold next, string sessionUuid, long sequenceNr, Func<ChargingSession, ChargingSession> change) =>
        Open is { } t && t.SessionUuid == sessionUuid
            ? Step(next with { Open = change(t) with { LastSequenceNr = sequenceNr } })
            : Step(next);

    private static ChargingSession WithMeter(ChargingSession t, DateTimeOffset at, double? meterWh) =>
        meterWh is { } wh ? t with { MeterPoints = t.MeterPoints.Add(new MeterPoint(NotBefore(at, t.MeterPoints[^1].At), ToWh(wh))) } : t;

    private static ChargingSession WithPhase(ChargingSession t, DateTimeOffset at, SessionPhase phase) =>
        t.Phases[^1].Phase == phase ? t : t with { Phases = t.Phases.Add(new PhaseChange(NotBefore(at, t.Phases[^1].At), phase)) };

    private static ChargingSession Close(
        ChargingSession t,
        long sequenceNr,
        DateTimeOffset at,
        decimal meterWh,
        string? reason,
        SignedMeterValue? signedStart,
        SignedMeterValue? signedEnd,
        string? publicKey,
        bool reconciled)
    {
        // Clocks disagree a little: the stop is never before anything recorded in the transaction.
        var stop = NotBefore(NotBefore(at, t.Phases[^1].At), t.MeterPoints[^1].At);
        return t with
        {
            StoppedAt = stop,
            MeterStopWh = meterWh,
            StopReason = reason,
            SignedStart = signedStart,
            SignedEnd = signedEnd,
            OcmfPublicKey = publicKey,
            Reconciled = reconciled,
            MeterPoints = t.MeterPoints.Add(new MeterPoint(stop, meterWh)),
            LastSequenceNr = sequenceNr,
        };
    }

    private static DateTimeOffset NotBefore(DateTimeOffset at, DateTimeOffset earliest) => at >= earliest ? at : earliest;
}
