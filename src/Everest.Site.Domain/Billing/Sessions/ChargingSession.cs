using System.Collections.Immutable;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>
/// One transaction of one EVSE as its history tells it: the facts a charge detail record is made of, before any
/// price. Finished when <see cref="StoppedAt"/> is set; a running one is a live session. Built only by
/// <see cref="BillingHistoryFold"/>, so the same history always gives the same session.
/// </summary>
/// <param name="SessionUuid">EVerest's session uuid (also the key the CSMS transaction id is joined on).</param>
/// <param name="IdToken">The token the transaction was started with and its type, as EVerest reported them.</param>
/// <param name="StartedAt">The transaction start.</param>
/// <param name="StoppedAt">The transaction end; null while it runs.</param>
/// <param name="MeterStartWh">The meter register at the start, as received.</param>
/// <param name="MeterStopWh">The meter register at the end, as received (or the best known value when reconciled); null while it runs.</param>
/// <param name="StopReason">EVerest's StopTransactionReason verbatim; null when it was not reported (reconciled).</param>
/// <param name="SignedStart">The OCMF signed start value exactly as received.</param>
/// <param name="SignedEnd">The OCMF signed end value exactly as received.</param>
/// <param name="OcmfPublicKey">The meter's <c>powermeter_public_key_ocmf</c> as received with the end of the transaction.</param>
/// <param name="Reconciled">True when the start or the end was not seen live and was reconstructed after a controller outage.</param>
/// <param name="SitePauseCount">How many times our site controller paused this transaction.</param>
/// <param name="Phases">Phase changes in journal order with non-decreasing times; the first is at <see cref="StartedAt"/>.</param>
/// <param name="MeterPoints">Meter readings in journal order with non-decreasing times; the first is the start, the last the stop once finished.</param>
/// <param name="FirstSequenceNr">Journal sequence number of the TransactionStarted event.</param>
/// <param name="LastSequenceNr">Journal sequence number of the last event that changed this session.</param>
public sealed record ChargingSession(
    string SessionUuid,
    string? CsmsTransactionId,
    IdToken IdToken,
    int? ReservationId,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    decimal MeterStartWh,
    decimal? MeterStopWh,
    string? StopReason,
    SignedMeterValue? SignedStart,
    SignedMeterValue? SignedEnd,
    string? OcmfPublicKey,
    bool Reconciled,
    int SitePauseCount,
    ImmutableArray<PhaseChange> Phases,
    ImmutableArray<MeterPoint> MeterPoints,
    long FirstSequenceNr,
    long LastSequenceNr)
{
    public bool IsFinished => StoppedAt is not null;

    /// <summary>
    /// False for a placeholder transaction (opened by restart reconciliation under a made-up session uuid,
    /// <see cref="TransactionReconciler.PlaceholderPrefix"/>) that ended without energy: the real session's own events
    /// superseded it, so it stays in the read model as the audit trail of the correction but gives no charge detail record.
    /// </summary>
    public bool IsBillable => !(TransactionReconciler.IsPlaceholder(SessionUuid) && IsFinished && MeterStopWh == MeterStartWh);

    /// <summary>The latest meter register known: the stop once finished, else the last reading.</summary>
    public decimal LastMeterWh => MeterStopWh ?? MeterPoints[^1].Wh;

    /// <summary>The latest instant the history knows of this session.</summary>
    public DateTimeOffset LastKnownAt => StoppedAt ?? Max(Phases[^1].At, MeterPoints[^1].At);

    /// <summary>
    /// Energy charged (Wh): meter stop minus meter start (for a live session, the last reading minus the start).
    /// A meter that went backwards (replaced or reset mid-transaction) yields 0, never a negative energy.
    /// </summary>
    public decimal EnergyWh => Math.Max(0m, LastMeterWh - MeterStartWh);

    /// <summary>The transaction split into phase segments up to <paramref name="until"/> (the stop when finished).</summary>
    public ImmutableArray<SessionSegment> Segments(DateTimeOffset? until = null)
    {
        var end = StoppedAt ?? Max(until ?? LastKnownAt, LastKnownAt);
        var segments = ImmutableArray.CreateBuilder<SessionSegment>(Phases.Length);
        for (var i = 0; i < Phases.Length; i++)
        {
            var from = Phases[i].At;
            var to = i + 1 < Phases.Length ? Phases[i + 1].At : end;
            if (to > from)
            {
                segments.Add(new SessionSegment(from, to, Phases[i].Phase));
            }
        }

        return segments.ToImmutable();
    }

    /// <summary>Charging, idle and site-pause time up to <paramref name="until"/> (the stop when finished).</summary>
    public SessionTimes Times(DateTimeOffset? until = null)
    {
        var charging = TimeSpan.Zero;
        var idle = TimeSpan.Zero;
        var sitePaused = TimeSpan.Zero;
        foreach (var segment in Segments(until))
        {
            if (segment.IsCharging)
            {
                charging += segment.Duration;
            }
            else
            {
                idle += segment.Duration;
            }

            if (segment.Phase == SessionPhase.PausedBySite)
            {
                sitePaused += segment.Duration;
            }
        }

        return new SessionTimes(charging, idle, sitePaused);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
