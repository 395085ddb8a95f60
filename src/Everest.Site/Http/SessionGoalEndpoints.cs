using System.Globalization;
using Everest.Site.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary>
/// <c>POST /api/evses/{id}/departure</c> with <c>{ "departureAt": time | null, "energyNeededWh": n | null }</c>: the
/// site actor's <see cref="SetSessionGoal"/>, which persists the operator's departure and energy need for the car at
/// the EVSE before answering. The allocator serves the car towards them as it does an ISO 15118 car that says them.
/// </summary>
public static class SessionGoalEndpoints
{
    public static RouteGroupBuilder MapSessionGoalApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/evses/{id}/departure", SetAsync);
        return api;
    }

    private static Task<IResult> SetAsync(string id, HttpRequest request, SiteActors actors, TimeProvider time, CancellationToken cancellationToken) =>
        SiteCommandOnEvse.SendAsync<SessionGoalRequest>(
            id,
            request,
            actors,
            "session departure",
            body => Check(body, time.GetUtcNow()),
            body => new SetSessionGoal(id, body.DepartureAt, body.EnergyNeededWh),
            (_, answer) => answer switch
            {
                SessionGoalSet set => Results.Ok(new SessionGoalView(set.EvseId, set.DepartureAt, set.EnergyNeededWh)),
                SessionGoalRefused refused => ApiProblems.Refused("The departure was not set", refused.Reason),
                _ => null,
            },
            cancellationToken);

    private static IResult? Check(SessionGoalRequest body, DateTimeOffset now)
    {
        if (body.DepartureAt is { } departure && departure <= now)
        {
            return ApiProblems.BadField("departureAt", $"expected a time in the future, or null for the car's own; found {departure.ToString("O", CultureInfo.InvariantCulture)}");
        }

        return body.EnergyNeededWh is { } needed && (needed < 0 || needed > SiteActor.MaxEnergyNeededWh)
            ? ApiProblems.BadField("energyNeededWh", $"expected 0 to {SiteActor.MaxEnergyNeededWh.ToString(CultureInfo.InvariantCulture)} Wh, or null for the car's own; found {needed.ToString(CultureInfo.InvariantCulture)}")
            : null;
    }
}

/// <summary>The departure and energy need an operator set for the car at an EVSE (null: the car's own, if it says them).</summary>
public sealed record SessionGoalView(string EvseId, DateTimeOffset? DepartureAt, double? EnergyNeededWh);
