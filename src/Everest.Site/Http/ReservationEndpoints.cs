using System.Text.Json;
using Akka.Actor;
using Everest.Site.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary>
/// <c>GET /api/reservations</c>, <c>POST /api/reservations</c> and <c>DELETE /api/reservations/{id}</c>, through the
/// site actor (which sends <c>reserve</c> and <c>cancel_reservation</c> to the EVSE and times reservations out).
/// </summary>
public static class ReservationEndpoints
{
    /// <summary>The longest token accepted: an OCPP IdToken has at most 36 characters.</summary>
    public const int MaxTokenLength = 36;

    public static RouteGroupBuilder MapReservationApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/reservations", ListAsync);
        api.MapPost("/reservations", ReserveAsync);
        api.MapDelete("/reservations/{id:int}", CancelAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(SiteActors actors, CancellationToken cancellationToken)
    {
        try
        {
            var status = await actors.SiteStatusAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(status.Reservations.Select(ReservationView.From).ToList());
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("The site actor", actors.AskTimeout);
        }
    }

    private static async Task<IResult> ReserveAsync(HttpRequest request, SiteActors actors, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReservationRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Token))
        {
            return ApiProblems.BadField("token", "the driver's token is required");
        }

        if (body.Token.Length > MaxTokenLength)
        {
            return ApiProblems.BadField("token", $"at most {MaxTokenLength} characters");
        }

        if (body.EvseId is { } evseId && !actors.IsConfigured(evseId))
        {
            return ApiProblems.UnknownEvse(evseId);
        }

        try
        {
            var answer = await actors.AskSiteAsync(new ReserveEvse(body.EvseId, body.ConnectorType, body.Token, body.ExpiresAt), cancellationToken).ConfigureAwait(false);
            return answer switch
            {
                ReservationAccepted accepted => Results.Created($"/api/reservations/{accepted.ReservationId}", ReservationView.From(accepted)),
                ReservationRefused refused => ApiProblems.Refused("The reservation was refused", refused.Reason),
                _ => throw new InvalidOperationException($"The site answered a reservation with {answer.GetType().Name}."),
            };
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("The site actor (reserve)", actors.AskTimeout);
        }
    }

    private static async Task<IResult> CancelAsync(int id, SiteActors actors, CancellationToken cancellationToken)
    {
        try
        {
            var status = await actors.SiteStatusAsync(cancellationToken).ConfigureAwait(false);
            if (status.Reservations.All(r => r.ReservationId != id))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown reservation", detail: $"No reservation {id} is in force.");
            }

            var answer = await actors.AskSiteAsync(new CancelSiteReservation(id), cancellationToken).ConfigureAwait(false);
            return answer switch
            {
                ReservationCancelled cancelled => Results.Ok(new { id = cancelled.ReservationId, evseId = cancelled.EvseId, cancelled = true }),
                ReservationRefused refused => ApiProblems.Refused("The reservation was not cancelled", refused.Reason),
                _ => throw new InvalidOperationException($"The site answered a cancellation with {answer.GetType().Name}."),
            };
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("The site actor (cancel_reservation)", actors.AskTimeout);
        }
    }
}
