using Akka.Actor;
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

    private static async Task<IResult> SetAsync(string id, HttpRequest request, SiteActors actors, CancellationToken cancellationToken)
    {
        // The EVSE first: a priority for an EVSE that does not exist is 404 whatever the body says.
        if (!actors.IsConfigured(id))
        {
            return ApiProblems.UnknownEvse(id);
        }

        var (body, problem) = await JsonBody.ReadAsync<SessionPriorityRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Priority is < 0)
        {
            return ApiProblems.BadField("priority", $"expected 0 or more (higher is served first), or null for the EVSE's configured priority; found {body.Priority}");
        }

        try
        {
            var answer = await actors.AskSiteAsync(new SetSessionPriority(id, body.Priority), cancellationToken).ConfigureAwait(false);
            return answer switch
            {
                SessionPrioritySet set => Results.Ok(new SessionPriorityView(set.EvseId, set.Priority, Configured: body.Priority is null)),
                SessionPriorityRefused refused => ApiProblems.Refused("The session priority was not set", refused.Reason),
                _ => throw new InvalidOperationException($"The site answered a session priority with {answer.GetType().Name}."),
            };
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("The site actor (session priority)", actors.AskTimeout);
        }
    }
}

/// <summary>The priority the session at an EVSE is allocated at from now until its car leaves.</summary>
/// <param name="Configured">True when it is the EVSE's configured priority again (the request gave null).</param>
public sealed record SessionPriorityView(string EvseId, int Priority, bool Configured);
