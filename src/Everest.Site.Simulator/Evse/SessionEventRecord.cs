namespace Everest.Site.Simulator.Evse;

/// <summary>Why a session started (spec spellings).</summary>
public enum StartSessionReason
{
    EVConnected,
    Authorized,
}

/// <summary>
/// One <c>session_event</c> as EvseManager emits it, before encoding. Which optional data is set depends on
/// <see cref="Kind"/>, exactly as in the spec (e.g. <see cref="StopReason"/> only on TransactionFinished).
/// </summary>
/// <param name="SessionUuid">The session's uuid; empty for events outside any session (Enabled, ReservationStart, …).</param>
public sealed record SessionEventRecord(SessionEventKind Kind, string SessionUuid, DateTimeOffset Timestamp, MeterReading Meter)
{
    public StartSessionReason? StartReason { get; init; }

    public IdToken? IdTag { get; init; }

    public int? ReservationId { get; init; }

    /// <summary>TransactionStarted: the start value; TransactionFinished: the stop value.</summary>
    public SignedMeterValue? SignedMeterValue { get; init; }

    /// <summary>TransactionFinished only: the start value again, so one event carries both.</summary>
    public SignedMeterValue? StartSignedMeterValue { get; init; }

    public StopReason? StopReason { get; init; }

    /// <summary>Enabled/Disabled only: the table entry that now decides.</summary>
    public EnableSetting? Source { get; init; }
}
