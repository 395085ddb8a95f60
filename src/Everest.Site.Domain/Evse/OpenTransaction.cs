using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>The transaction in progress on an EVSE, as its history knows it.</summary>
/// <param name="PausedBy">Who paused it, while <see cref="Phase"/> is <see cref="ChargingPhase.Paused"/>.</param>
/// <param name="PausesBySite">How many times our site controller paused it so far (billing shows it).</param>
public sealed record OpenTransaction(
    string SessionUuid,
    DateTimeOffset StartedAt,
    IdToken IdTag,
    double StartMeterWh,
    int? ReservationId,
    SignedMeterValue? SignedStart,
    string? CsmsTransactionId,
    ChargingPhase Phase,
    PauseCause? PausedBy,
    DateTimeOffset? PausedSince,
    int PausesBySite)
{
    public static OpenTransaction From(TransactionStarted started)
    {
        ArgumentNullException.ThrowIfNull(started);
        return new OpenTransaction(
            started.SessionUuid,
            started.At,
            started.IdTag,
            started.MeterWh,
            started.ReservationId,
            started.SignedStart,
            CsmsTransactionId: null,
            ChargingPhase.NotYetCharging,
            PausedBy: null,
            PausedSince: null,
            PausesBySite: 0);
    }
}
