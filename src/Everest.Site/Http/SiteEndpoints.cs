using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary><c>GET /api/site</c>: limits, current per phase and the allocation of every EVSE.</summary>
public static class SiteEndpoints
{
    public static RouteGroupBuilder MapSiteApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/site", GetAsync);
        return api;
    }

    private static async Task<IResult> GetAsync(SiteActors actors, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Ok(SiteView.From(actors.SiteId, await actors.SiteStatusAsync(cancellationToken).ConfigureAwait(false)));
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("The site actor", actors.AskTimeout);
        }
    }
}
