using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// Turns EVerest's session_event into the EVSE's history events: the one place where wire records become domain
/// events. Pure. Session lifecycle events (SessionStarted, TransactionStarted, TransactionFinished, SessionFinished) go
/// through <see cref="SessionLifecycle"/>: one already stored is a duplicate, one that contradicts the history is
/// stored after an audited correction. Other events that do not fit the history (an authorization or a pause for a
/// session that is not open) are refused with a reason instead of corrupting the history.
/// </summary>
public static class SessionEventTranslator
{
    /// <summary>Reason stored with a pause that EVerest reported without a request of ours.</summary>
    public const string EvsePauseReason = "ChargingPausedEVSE";

    /// <summary>Reason stored with a pause the vehicle asked for.</summary>
    public const string EvPauseReason = "ChargingPausedEV";

    /// <summary>Priority recorded for an Enabled/Disabled event that names no source (weakest possible).</summary>
    public const int UnknownEnablePriority = int.MaxValue;

    public static SessionEventTranslation Translate(Wire.SessionEvent sessionEvent, SessionEventContext context)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        ArgumentNullException.ThrowIfNull(context);
        var type = sessionEvent.Event;
        if (!type.IsKnown)
        {
            return SessionEventTranslation.Rejected($"unknown session event type '{type}'");
        }

        if (string.IsNullOrEmpty(sessionEvent.Uuid) && !IsAboutTheEvse(type))
        {
            return SessionEventTranslation.Rejected($"{type} without a session uuid");
        }

        return type.Value switch
        {
            "SessionStarted" => SessionStarted(sessionEvent, context.History),
            "Authorized" => Authorization(sessionEvent, context.History, authorized: true),
            "Deauthorized" => Authorization(sessionEvent, context.History, authorized: false),
            "TransactionStarted" => TransactionStarted(sessionEvent, context.History),
            "ChargingStarted" => ChargingStarted(sessionEvent, context),
            "ChargingPausedEV" => Paused(sessionEvent, context.History, PauseCause.Ev, EvPauseReason),
            "ChargingPausedEVSE" => context.SitePauseReason is { } reason
                ? Paused(sessionEvent, context.History, PauseCause.Site, reason)
                : Paused(sessionEvent, context.History, PauseCause.Evse, EvsePauseReason),
            "ChargingResumed" => Resumed(sessionEvent, context),
            "TransactionFinished" => TransactionFinished(sessionEvent, context),
            "SessionFinished" => SessionFinished(sessionEvent, context.History),
            "ReservationStart" => ReservationStart(sessionEvent, context),
            "ReservationEnd" => ReservationEnd(sessionEvent, context),
            "Enabled" => Availability(sessionEvent, enabled: true),
            "Disabled" => Availability(sessionEvent, enabled: false),

            // AuthRequired, PrepareCharging, WaitingForEnergy, StoppingCharging, ChargingFinished, replugging,
            // PluginTimeout, SwitchingPhases, SessionResumed: live state only, nothing billing or audit needs.
            _ => SessionEventTranslation.Nothing,
        };
    }

    /// <summary>Events about the EVSE rather than a session: they need no session uuid.</summary>
    private static bool IsAboutTheEvse(Wire.SessionEventType type) =>
        type == Wire.SessionEventType.Enabled || type == Wire.SessionEventType.Disabled
        || type == Wire.SessionEventType.ReservationStart || type == Wire.SessionEventType.ReservationEnd;

    /// <summary>The total imported energy of a powermeter reading (Wh), when reported.</summary>
    public static double? ImportedWh(Wire.Powermeter? meter) => meter?.EnergyWhImport?.Total;

    public static IdToken ToDomain(Wire.ProvidedIdToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new IdToken(token.IdToken.Value, token.IdToken.Type.Value);
    }

    public static SignedMeterValue? ToDomain(Wire.SignedMeterValue? signed) =>
        signed is null ? null : new SignedMeterValue(signed.SignedMeterData, signed.SigningMethod, signed.EncodingMethod, signed.PublicKey);

    private static SessionEventTranslation SessionStarted(Wire.SessionEvent e, EvseHistoryState history)
    {
        if (e.SessionStarted is not { } started)
        {
            return SessionEventTranslation.Rejected("SessionStarted without session_started");
        }

        return Decided(history, new SessionStarted(
            e.Uuid,
            e.Timestamp,
            started.Reason.Value,
            started.IdTag is { } tag ? ToDomain(tag) : null,
            ImportedWh(started.MeterValue),
            started.ReservationId));
    }

    /// <summary>A lifecycle event as <see cref="SessionLifecycle"/> decides: a duplicate, or stored after any correction it needs.</summary>
    private static SessionEventTranslation Decided(EvseHistoryState history, IEvseHistoryEvent lifecycleEvent, params IEvseHistoryEvent[] andThen)
    {
        var decision = SessionLifecycle.Decide(history, lifecycleEvent);
        return decision.IsDuplicate ? SessionEventTranslation.Duplicate : SessionEventTranslation.Of([.. decision.Events, .. andThen]);
    }

    private static SessionEventTranslation Authorization(Wire.SessionEvent e, EvseHistoryState history, bool authorized)
    {
        if (history.Session?.Uuid != e.Uuid)
        {
            return SessionEventTranslation.Rejected($"{e.Event} for session {e.Uuid}, which is not open");
        }

        var meter = ImportedWh(e.AuthorizationEvent?.MeterValue);
        return authorized
            ? SessionEventTranslation.Of(new Authorized(e.Uuid, e.Timestamp, meter))
            : SessionEventTranslation.Of(new Deauthorized(e.Uuid, e.Timestamp, meter));
    }

    private static SessionEventTranslation TransactionStarted(Wire.SessionEvent e, EvseHistoryState history)
    {
        if (e.TransactionStarted is not { } started)
        {
            return SessionEventTranslation.Rejected("TransactionStarted without transaction_started");
        }

        if (ImportedWh(started.MeterValue) is not { } meterWh)
        {
            return SessionEventTranslation.Rejected("TransactionStarted without a total imported energy in meter_value");
        }

        var transaction = new TransactionStarted(e.Uuid, e.Timestamp, ToDomain(started.IdTag), meterWh, started.ReservationId, ToDomain(started.SignedMeterValue));

        // EVerest ends a reservation used by its driver silently; say so in the history.
        return started.ReservationId is { } id && history.Reservation?.ReservationId == id
            ? Decided(history, transaction, new ReservationEnded(id, e.Timestamp, ReservationEnding.Used))
            : Decided(history, transaction);
    }

    private static SessionEventTranslation ChargingStarted(Wire.SessionEvent e, SessionEventContext context)
    {
        if (context.History.Transaction is not { } transaction || transaction.SessionUuid != e.Uuid)
        {
            return SessionEventTranslation.Rejected($"ChargingStarted for session {e.Uuid} without its transaction");
        }

        var meter = ImportedWh(e.ChargingStateChangedEvent?.MeterValue);
        return transaction.Phase switch
        {
            ChargingPhase.NotYetCharging => SessionEventTranslation.Of(new ChargingStarted(e.Uuid, e.Timestamp, meter)),

            // After resume_charging EVerest reports ChargingStarted, never ChargingResumed.
            ChargingPhase.Paused => SessionEventTranslation.Of(new ChargingResumed(e.Uuid, e.Timestamp, ResumeCause(transaction, context), meter)),

            // Already charging: EVerest restarts energy flow after WaitingForEnergy, which is not history.
            _ => SessionEventTranslation.Nothing,
        };
    }

    private static SessionEventTranslation Paused(Wire.SessionEvent e, EvseHistoryState history, PauseCause cause, string reason)
    {
        if (history.Transaction is not { } transaction || transaction.SessionUuid != e.Uuid)
        {
            return SessionEventTranslation.Rejected($"{e.Event} for session {e.Uuid} without its transaction");
        }

        if (transaction.Phase == ChargingPhase.Paused && transaction.PausedBy == cause)
        {
            return SessionEventTranslation.Nothing;
        }

        return SessionEventTranslation.Of(new ChargingPaused(e.Uuid, e.Timestamp, cause, reason, ImportedWh(e.ChargingStateChangedEvent?.MeterValue)));
    }

    private static SessionEventTranslation Resumed(Wire.SessionEvent e, SessionEventContext context)
    {
        if (context.History.Transaction is not { } transaction || transaction.SessionUuid != e.Uuid)
        {
            return SessionEventTranslation.Rejected($"ChargingResumed for session {e.Uuid} without its transaction");
        }

        return transaction.Phase == ChargingPhase.Paused
            ? SessionEventTranslation.Of(new ChargingResumed(e.Uuid, e.Timestamp, ResumeCause(transaction, context), ImportedWh(e.ChargingStateChangedEvent?.MeterValue)))
            : SessionEventTranslation.Nothing;
    }

    private static PauseCause ResumeCause(OpenTransaction transaction, SessionEventContext context) =>
        context.SiteResumeRequested ? PauseCause.Site : transaction.PausedBy == PauseCause.Ev ? PauseCause.Ev : PauseCause.Evse;

    private static SessionEventTranslation TransactionFinished(Wire.SessionEvent e, SessionEventContext context)
    {
        if (e.TransactionFinished is not { } finished)
        {
            return SessionEventTranslation.Rejected("TransactionFinished without transaction_finished");
        }

        var transaction = context.History.Transaction is { } open && open.SessionUuid == e.Uuid ? open : null;
        if ((ImportedWh(finished.MeterValue) ?? context.History.LastKnownMeterWh ?? transaction?.StartMeterWh) is not { } meterWh)
        {
            return SessionEventTranslation.Rejected($"TransactionFinished for session {e.Uuid} without TransactionStarted and without a meter value");
        }

        var signedEnd = ToDomain(finished.SignedMeterValue);
        return Decided(context.History, new TransactionFinished(
            e.Uuid,
            e.Timestamp,
            finished.Reason?.Value,
            meterWh,
            ToDomain(finished.StartSignedMeterValue) ?? transaction?.SignedStart,
            signedEnd,
            context.OcmfPublicKey ?? signedEnd?.PublicKey));
    }

    private static SessionEventTranslation SessionFinished(Wire.SessionEvent e, EvseHistoryState history)
    {
        return Decided(history, new SessionFinished(e.Uuid, e.Timestamp, ImportedWh(e.SessionFinished?.MeterValue)));
    }

    private static SessionEventTranslation ReservationStart(Wire.SessionEvent e, SessionEventContext context)
    {
        // EVerest's ReservationStart carries no reservation id: only a reserve request of ours can name it.
        if (context.RequestedReservation is not { } requested)
        {
            return SessionEventTranslation.Rejected("ReservationStart without a reserve request of this controller (EVerest reports no reservation id)");
        }

        return context.History.Reservation?.ReservationId == requested.ReservationId
            ? SessionEventTranslation.Nothing
            : SessionEventTranslation.Of(new ReservationStarted(requested.ReservationId, e.Timestamp, requested.ExpiresAt));
    }

    private static SessionEventTranslation ReservationEnd(Wire.SessionEvent e, SessionEventContext context)
    {
        if (context.History.Reservation is not { } reservation)
        {
            return SessionEventTranslation.Rejected("ReservationEnd without a reservation");
        }

        var how = context.SiteCancelledReservation ? ReservationEnding.Cancelled : ReservationEnding.Ended;
        return SessionEventTranslation.Of(new ReservationEnded(reservation.ReservationId, e.Timestamp, how));
    }

    private static SessionEventTranslation Availability(Wire.SessionEvent e, bool enabled) =>
        SessionEventTranslation.Of(new AvailabilityChanged(
            enabled,
            e.Source?.EnableSource.Value ?? Wire.EnableSource.Unspecified.Value,
            e.Source?.EnablePriority ?? UnknownEnablePriority,
            e.Timestamp));
}
