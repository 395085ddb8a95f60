using Akka.Actor;
using Akka.Event;
using Everest.Site.Evse;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>
/// Reservations: the site picks a free EVSE (or checks the named one), sends <c>reserve</c>, persists what EVerest
/// accepted, cancels it at its expiry with <c>cancel_reservation</c> (EvseManager has no expiry of its own), and ends
/// it when EVerest reports ReservationEnd or the reserved EVSE starts a session. A reserved idle EVSE holds its
/// minimum current as headroom in the allocation.
/// </summary>
public sealed partial class SiteActor
{
    private const string ReserveOperation = "reserve";
    private const string CancelReservationOperation = "cancel_reservation";

    private readonly Dictionary<int, SiteReservation> _reservations = [];
    private readonly Dictionary<string, PendingReserve> _pendingReserves = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingCancel> _pendingCancels = new(StringComparer.Ordinal);
    private int _nextReservationId = 1;

    private void OnReserve(ReserveEvse request)
    {
        var now = Now;
        var expiresAt = request.ExpiresAt ?? now + _settings.DefaultReservationExpiry;
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            Sender.Tell(new ReservationRefused("A reservation needs the driver's token."));
            return;
        }

        if (expiresAt <= now)
        {
            Sender.Tell(new ReservationRefused($"The expiry {expiresAt:O} is not in the future."));
            return;
        }

        EvseControl evse;
        if (request.EvseId is { } named)
        {
            if (!_evses.TryGetValue(named, out var found))
            {
                Sender.Tell(new ReservationRefused($"No EVSE '{named}' is configured."));
                return;
            }

            if (WhyNotFree(found) is { } why)
            {
                Sender.Tell(new ReservationRefused($"EVSE {named} cannot be reserved: {why}."));
                return;
            }

            evse = found;
        }
        else if (_order.FirstOrDefault(e => WhyNotFree(e) is null && (request.ConnectorType is null || e.ConnectorTypes.Contains(request.ConnectorType, StringComparer.Ordinal))) is { } free)
        {
            evse = free;
        }
        else
        {
            var kind = request.ConnectorType is null ? "EVSE" : $"EVSE with a {request.ConnectorType} connector";
            Sender.Tell(new ReservationRefused($"No {kind} is free (every one is offline, disabled, in use or reserved)."));
            return;
        }

        var reservationId = _nextReservationId++;
        _pendingReserves[evse.Wiring.EvseId] = new PendingReserve(reservationId, request.Token, expiresAt, Sender);
        _fleet.Tell(new EvseEnvelope(evse.Wiring.EvseId, new Reserve(reservationId, expiresAt)), Self);
    }

    private string? WhyNotFree(EvseControl evse)
    {
        var id = evse.Wiring.EvseId;
        return evse.Status is not { Online: true } status ? "it is offline"
            : status.Enabled == false ? "it is disabled"
            : status.TransactionOpen || status.SessionStartedAt is not null ? "a car is using it"
            : status.Reservation is not null || HasSiteReservation(id) || _pendingReserves.ContainsKey(id) ? "it is already reserved"
            : null;
    }

    private bool HasSiteReservation(string evseId) => _reservations.Values.Any(r => r.EvseId == evseId);

    private void OnCancelReservation(CancelSiteReservation cancel)
    {
        if (!_reservations.TryGetValue(cancel.ReservationId, out var reservation))
        {
            Sender.Tell(new ReservationRefused($"No reservation {cancel.ReservationId} is in force."));
            return;
        }

        SendCancel(reservation, ReservationOutcome.Cancelled, Sender);
    }

    private void OnReservationExpired(ReservationExpired expired)
    {
        if (_reservations.TryGetValue(expired.ReservationId, out var reservation))
        {
            SendCancel(reservation, ReservationOutcome.Expired, ActorRefs.Nobody);
        }
    }

    private void SendCancel(SiteReservation reservation, ReservationOutcome outcome, IActorRef replyTo)
    {
        _pendingCancels[reservation.EvseId] = new PendingCancel(reservation.ReservationId, outcome, replyTo);
        _fleet.Tell(new EvseEnvelope(reservation.EvseId, new CancelReservation()), Self);
    }

    private void OnReservationCommandResult(EvseCommandResult result)
    {
        var now = Now;
        if (result.Operation == ReserveOperation && _pendingReserves.Remove(result.EvseId, out var pending))
        {
            if (!result.Succeeded)
            {
                pending.ReplyTo.Tell(new ReservationRefused(result.FailureReason ?? $"EVerest refused reserve on EVSE {result.EvseId}."));
                return;
            }

            Persist(new ReservationMade(pending.ReservationId, result.EvseId, pending.Token, now, pending.ExpiresAt), made =>
            {
                Apply(made);
                StartExpiryTimer(made.ReservationId, made.ExpiresAt);
                pending.ReplyTo.Tell(new ReservationAccepted(made.ReservationId, made.EvseId, made.ExpiresAt));
                _log.Info("EVSE {EvseId} reserved under {ReservationId} until {ExpiresAt:O}", made.EvseId, made.ReservationId, made.ExpiresAt);
                Allocate(Now);
            });
            return;
        }

        if (result.Operation == CancelReservationOperation && _pendingCancels.Remove(result.EvseId, out var cancel))
        {
            if (!result.Succeeded)
            {
                // Still reserved: the cancel is tried again a little later.
                Timers.StartSingleTimer(ExpiryTimer(cancel.ReservationId), new ReservationExpired(cancel.ReservationId), _settings.RetryAfter);
                cancel.ReplyTo.Tell(new ReservationRefused(result.FailureReason ?? "cancel_reservation failed"));
                return;
            }

            Close(cancel.ReservationId, result.EvseId, cancel.Outcome, now, cancel.ReplyTo);
        }
    }

    /// <summary>A reservation ends when EVerest ends it (after the EVSE had shown it) or a session starts on its EVSE.</summary>
    private void FollowReservations(EvseControl evse, EvseStatus status)
    {
        foreach (var reservation in _reservations.Values.Where(r => r.EvseId == evse.Wiring.EvseId).ToList())
        {
            if (_pendingCancels.ContainsKey(reservation.EvseId))
            {
                continue;
            }

            if (status.TransactionOpen || status.SessionStartedAt is not null)
            {
                Close(reservation.ReservationId, reservation.EvseId, ReservationOutcome.Used, Now, ActorRefs.Nobody);
            }
            else if (status.Reservation?.ReservationId == reservation.ReservationId)
            {
                reservation.SeenOnEvse = true;
            }
            else if (reservation.SeenOnEvse && status.Reservation is null)
            {
                Close(reservation.ReservationId, reservation.EvseId, ReservationOutcome.Ended, Now, ActorRefs.Nobody);
            }
        }
    }

    private void Close(int reservationId, string evseId, ReservationOutcome outcome, DateTimeOffset now, IActorRef replyTo)
    {
        if (!_reservations.ContainsKey(reservationId))
        {
            return;
        }

        Timers.Cancel(ExpiryTimer(reservationId));
        Persist(new ReservationClosed(reservationId, evseId, now, outcome), closed =>
        {
            Apply(closed);
            _log.Info("Reservation {ReservationId} on EVSE {EvseId} closed: {Outcome}", closed.ReservationId, closed.EvseId, closed.Outcome);
            if (!replyTo.IsNobody())
            {
                replyTo.Tell(new ReservationCancelled(closed.ReservationId, closed.EvseId));
            }

            Allocate(Now);
        });
    }

    private void RestartReservationTimers()
    {
        foreach (var reservation in _reservations.Values)
        {
            StartExpiryTimer(reservation.ReservationId, reservation.ExpiresAt);
        }
    }

    private void StartExpiryTimer(int reservationId, DateTimeOffset expiresAt)
    {
        var due = expiresAt - Now;
        Timers.StartSingleTimer(ExpiryTimer(reservationId), new ReservationExpired(reservationId), due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    private static string ExpiryTimer(int reservationId) => $"reservation-{reservationId}";

    private sealed record PendingReserve(int ReservationId, string Token, DateTimeOffset ExpiresAt, IActorRef ReplyTo);

    private sealed record PendingCancel(int ReservationId, ReservationOutcome Outcome, IActorRef ReplyTo);

    /// <summary>A reservation in force. <see cref="SeenOnEvse"/>: the EVSE has reported it (so its absence later means it ended).</summary>
    private sealed class SiteReservation(int reservationId, string evseId, string token, DateTimeOffset expiresAt)
    {
        public int ReservationId { get; } = reservationId;

        public string EvseId { get; } = evseId;

        public string Token { get; } = token;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool SeenOnEvse { get; set; }
    }
}
