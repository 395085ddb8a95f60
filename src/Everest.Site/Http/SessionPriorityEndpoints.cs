using Everest.Site.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary>
/// <c>POST /api/evses/{id}/priority</c> with <c>{ "priority": n | null }</c>: the site actor's
/// <see cref="SetSessionPriority"/>, which persists the priority for the car at the EVSE before answering.
/// </summary>
public static class SessionPriorityEndpoints
{
    public static RouteGroupBuilder MapSessionPriorityApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/evses/{id}/priority", SetAsync);
        return api;
    }

    private static Task<IResult> SetAsync(string id, HttpRequest request, SiteActors actors, CancellationToken cancellationToken) =>
        SiteCommandOnEvse.SendAsync<SessionPriorityRequest>(
            id,
            request,
            actors,
            "session priority",
            body => body.Priority is < 0
                ? ApiProblems.BadField("priority", $"expected 0 or more (higher is served first), or null for the EVSE's configured priority; found {body.Priority}")
                : null,
            body => new SetSessionPriority(id, body.Priority),
            (body, answer) => answer switch
            {
                SessionPrioritySet set => Results.Ok(new SessionPriorityView(set.EvseId, set.Priority, Configured: body.Priority is null)),
                SessionPriorityRefused refused => ApiProblems.Refused("The session priority was not set", refused.Reason),
                _ => null,
            },
            cancellationToken);
}

/// <summary>The priority the session at an EVSE is allocated at from now until its car leaves.</summary>
/// <param name="Configured">True when it is the EVSE's configured priority again (the request gave null).</param>
public sealed record SessionPriorityView(string EvseId, int Priority, bool Configured);
