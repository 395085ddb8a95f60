using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>
/// Decides what a session lifecycle event from EVerest (SessionStarted, TransactionStarted, TransactionFinished,
/// SessionFinished) does to an EVSE's history. Pure. Two rules:
/// <list type="bullet">
/// <item>Idempotent: an event already in the history (same type and session uuid: open now, or among the
/// <see cref="EvseHistoryState.RecentLifecycleEvents"/>) is a <see cref="LifecycleDecision.Duplicate"/> and stores
/// nothing. The broker delivers a billable event again when the controller died before acknowledging it.</item>
/// <item>Never silently dropped or accepted: an event that contradicts the history is stored after an audited
/// correction: a <see cref="SessionReconciled"/> naming the contradiction, then reconciled events that close what was
/// left open (with the best meter known) or open what was never seen.</item>
/// <item>EVerest's own TransactionFinished for a transaction that a correction closed is not a duplicate: it is
/// stored after an audit record and supersedes the reconstructed close (billing takes its end values). A placeholder
/// transaction (<see cref="TransactionReconciler.PlaceholderPrefix"/>) is superseded by the real session's events and
/// closed without energy.</item>
/// </list>
/// </summary>
public static class SessionLifecycle
{
    /// <summary>The StartSessionReason stored for a session opened by a correction.</summary>
    public const string ReconciledStartReason = "Reconciled";

    /// <summary>The id token of a transaction opened by a correction when its session named none.</summary>
    public static IdToken UnknownIdToken { get; } = new("unknown", "Local");

    /// <summary>What to store for <paramref name="incoming"/>, one of the four lifecycle events.</summary>
    public static LifecycleDecision Decide(EvseHistoryState state, IEvseHistoryEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(incoming);
        if (IsAlreadyRecorded(state, incoming))
        {
            return LifecycleDecision.Duplicate;
        }

        return incoming switch
        {
            SessionStarted e => SessionStarted(state, e),
            TransactionStarted e => TransactionStarted(state, e),
            TransactionFinished e => TransactionFinished(state, e),
            SessionFinished e => SessionFinished(state, e),
            _ => throw new ArgumentException($"{incoming.GetType().Name} is not a session lifecycle event.", nameof(incoming)),
        };
    }

    /// <summary>True when the history already holds <paramref name="incoming"/> (same type, same session uuid).</summary>
    public static bool IsAlreadyRecorded(EvseHistoryState state, IEvseHistoryEvent incoming)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming switch
        {
            SessionStarted e when state.Session?.Uuid == e.SessionUuid => true,
            TransactionStarted e when state.Transaction?.SessionUuid == e.SessionUuid => true,
            _ => SessionEventKeys.KeyOf(incoming) is { } key && state.RecentLifecycleEvents.Contains(key),
        };
    }

    private static LifecycleDecision SessionStarted(EvseHistoryState state, SessionStarted e)
    {
        var corrections = new List<IEvseHistoryEvent>();
        CloseWhatIsOpen(state, e.At, $"SessionStarted of session {e.SessionUuid} while it was open", corrections);
        return LifecycleDecision.Store([.. corrections, e]);
    }

    private static LifecycleDecision TransactionStarted(EvseHistoryState state, TransactionStarted e)
    {
        var corrections = new List<IEvseHistoryEvent>();
        if (state.Transaction is { } other)
        {
            CloseTransaction(state, other, e.At, $"TransactionStarted of session {e.SessionUuid} while its transaction was open", corrections);
        }

        if (state.Session is { } session && session.Uuid != e.SessionUuid)
        {
            CloseSession(state, session, e.At, $"TransactionStarted of session {e.SessionUuid} while it was open", corrections);
        }

        if (state.Session?.Uuid != e.SessionUuid)
        {
            corrections.Add(new SessionReconciled(e.SessionUuid, e.At, "TransactionStarted without SessionStarted: the session is opened from it"));
            corrections.Add(new SessionStarted(e.SessionUuid, e.At, ReconciledStartReason, e.IdTag, e.MeterWh, e.ReservationId));
        }

        return LifecycleDecision.Store([.. corrections, e]);
    }

    private static LifecycleDecision TransactionFinished(EvseHistoryState state, TransactionFinished e)
    {
        if (state.Transaction?.SessionUuid == e.SessionUuid)
        {
            return LifecycleDecision.Store([e]);
        }

        if (!e.Reconciled && state.RecentLifecycleEvents.Contains(SessionEventKeys.KeyFor(nameof(History.TransactionStarted), e.SessionUuid)))
        {
            // Its transaction was closed by a correction (restart reconciliation, or a contradiction) and EVerest's own
            // finish arrives now, late. EVerest's end values are the real ones: stored, they supersede the
            // reconstructed close, and the audit record says so. Nothing is opened or closed again.
            return LifecycleDecision.Store([
                new SessionReconciled(e.SessionUuid, e.At, "TransactionFinished of a transaction closed by reconciliation: EVerest's own end supersedes the reconciled close"),
                e,
            ]);
        }

        var corrections = new List<IEvseHistoryEvent>();
        var placeholder = state.Transaction is { } open && TransactionReconciler.IsPlaceholder(open.SessionUuid) ? open : null;
        if (state.Transaction is { } other)
        {
            CloseTransaction(state, other, e.At, $"TransactionFinished of session {e.SessionUuid} while its transaction was open", corrections);
        }

        if (state.Session is { } session && session.Uuid != e.SessionUuid)
        {
            CloseSession(state, session, e.At, $"TransactionFinished of session {e.SessionUuid} while it was open", corrections);
        }

        // The start was never seen: the transaction is opened at the best meter known before its end (never above it),
        // so the energy billed is at most what the history can show.
        // A placeholder transaction stood in for this one: it began at the placeholder's start, which it takes over.
        var bestStart = placeholder?.StartMeterWh ?? state.LastKnownMeterWh;
        var startMeter = bestStart is { } known && known <= e.MeterWh ? known : e.MeterWh;
        var startedAt = state.Session?.Uuid == e.SessionUuid ? state.Session.StartedAt : placeholder?.StartedAt ?? e.At;
        var idTag = state.Session?.Uuid == e.SessionUuid && state.Session.IdToken is { } token ? token : UnknownIdToken;
        corrections.Add(new SessionReconciled(e.SessionUuid, e.At, "TransactionFinished without TransactionStarted: the transaction is opened from it at the last meter value known"));
        if (state.Session?.Uuid != e.SessionUuid)
        {
            corrections.Add(new SessionStarted(e.SessionUuid, startedAt, ReconciledStartReason, IdToken: null, startMeter, ReservationId: null));
        }

        corrections.Add(new TransactionStarted(e.SessionUuid, startedAt, idTag, startMeter, ReservationId: null, SignedStart: e.SignedStart, Reconciled: true));
        return LifecycleDecision.Store([.. corrections, e]);
    }

    private static LifecycleDecision SessionFinished(EvseHistoryState state, SessionFinished e)
    {
        if (state.Session?.Uuid == e.SessionUuid)
        {
            return LifecycleDecision.Store([e]);
        }

        var corrections = new List<IEvseHistoryEvent>();
        if (state.Transaction is { } transaction && transaction.SessionUuid != e.SessionUuid)
        {
            CloseTransaction(state, transaction, e.At, $"SessionFinished of session {e.SessionUuid} while its transaction was open", corrections);
        }

        if (state.Session is { } session)
        {
            CloseSession(state, session, e.At, $"SessionFinished of session {e.SessionUuid} while it was open", corrections);
        }

        // A transaction of this session opened without its session (reconciliation after an outage): the finish closes it.
        if (state.Transaction?.SessionUuid == e.SessionUuid)
        {
            return LifecycleDecision.Store([.. corrections, new SessionReconciled(e.SessionUuid, e.At, "SessionFinished of a session whose start was not seen; its open transaction is closed with it"), e]);
        }

        // Nothing of it was ever open: only the audit record, no session to finish.
        corrections.Add(new SessionReconciled(e.SessionUuid, e.At, "SessionFinished of a session that was never started here; nothing to close"));
        return LifecycleDecision.Store(corrections);
    }

    private static void CloseWhatIsOpen(EvseHistoryState state, DateTimeOffset at, string reason, List<IEvseHistoryEvent> corrections)
    {
        if (state.Transaction is { } transaction)
        {
            CloseTransaction(state, transaction, at, reason, corrections);
        }

        if (state.Session is { } session)
        {
            CloseSession(state, session, at, reason, corrections);
        }
    }

    private static void CloseTransaction(EvseHistoryState state, OpenTransaction transaction, DateTimeOffset at, string reason, List<IEvseHistoryEvent> corrections)
    {
        // A placeholder (opened by reconciliation for a transaction whose own events had not arrived) is closed at its
        // start by the real events of a session: they are that transaction, which bills the energy from its own start
        // meter; the placeholder billing it as well would count it twice.
        var placeholder = TransactionReconciler.IsPlaceholder(transaction.SessionUuid);
        var meterWh = placeholder ? transaction.StartMeterWh : Math.Max(state.LastKnownMeterWh ?? transaction.StartMeterWh, transaction.StartMeterWh);
        var endedAt = at >= transaction.StartedAt ? at : transaction.StartedAt;
        corrections.Add(new SessionReconciled(
            transaction.SessionUuid,
            endedAt,
            placeholder ? $"{reason}: the placeholder transaction is superseded and closed without energy" : $"{reason}: its transaction is closed at the last meter value known"));
        corrections.Add(new TransactionFinished(transaction.SessionUuid, endedAt, Reason: null, meterWh, transaction.SignedStart, SignedEnd: null, OcmfPublicKey: null, Reconciled: true));
        if (state.Session?.Uuid != transaction.SessionUuid)
        {
            // A transaction without its session (opened by reconciliation): finishing its session closes nothing else.
            corrections.Add(new SessionFinished(transaction.SessionUuid, endedAt, meterWh, Reconciled: true));
        }
    }

    private static void CloseSession(EvseHistoryState state, OpenSession session, DateTimeOffset at, string reason, List<IEvseHistoryEvent> corrections)
    {
        var endedAt = at >= session.StartedAt ? at : session.StartedAt;
        if (state.Transaction?.SessionUuid != session.Uuid)
        {
            corrections.Add(new SessionReconciled(session.Uuid, endedAt, $"{reason}: the session is closed"));
        }

        corrections.Add(new SessionFinished(session.Uuid, endedAt, state.LastKnownMeterWh, Reconciled: true));
    }
}
