using Akka.Actor;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary>
/// <c>GET /api/evses</c>, <c>GET /api/evses/{id}</c> and the operator's commands
/// <c>POST /api/evses/{id}/{enable|disable|stop|unlock}</c>, each sent to the EVSE's actor and answered once EVerest
/// has answered.
/// </summary>
public static class EvseEndpoints
{
    public static RouteGroupBuilder MapEvseApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/evses", ListAsync);
        api.MapGet("/evses/{id}", GetAsync);
        api.MapPost("/evses/{id}/enable", (string id, SiteActors actors, CancellationToken ct) => CommandAsync(id, SetAvailability.Enable(), actors, ct));
        api.MapPost("/evses/{id}/disable", (string id, SiteActors actors, CancellationToken ct) => CommandAsync(id, SetAvailability.Disable(), actors, ct));
        api.MapPost("/evses/{id}/stop", (string id, SiteActors actors, CancellationToken ct) => CommandAsync(id, new StopTransaction(StopTransactionReason.Remote), actors, ct));
        api.MapPost("/evses/{id}/unlock", (string id, SiteActors actors, CancellationToken ct) => CommandAsync(id, new ForceUnlock(), actors, ct));
        return api;
    }

    private static async Task<IResult> ListAsync(SiteActors actors, CancellationToken cancellationToken)
    {
        var allocation = await TrySiteStatusAsync(actors, cancellationToken).ConfigureAwait(false);
        var ids = actors.Plan.Evses.Select(e => e.EvseId).ToList();
        try
        {
            var snapshots = await Task.WhenAll(ids.Select(id => actors.SnapshotAsync(id, cancellationToken))).ConfigureAwait(false);
            return Results.Ok(snapshots.Select(s => EvseView.From(s, allocation?.Evses.FirstOrDefault(e => e.EvseId == s.EvseId))).ToList());
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer("An EVSE actor", actors.AskTimeout);
        }
    }

    private static async Task<IResult> GetAsync(string id, SiteActors actors, CancellationToken cancellationToken)
    {
        if (!actors.IsConfigured(id))
        {
            return ApiProblems.UnknownEvse(id);
        }

        var allocation = await TrySiteStatusAsync(actors, cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = await actors.SnapshotAsync(id, cancellationToken).ConfigureAwait(false);
            return Results.Ok(EvseView.From(snapshot, allocation?.Evses.FirstOrDefault(e => e.EvseId == id)));
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer($"The actor of EVSE {id}", actors.AskTimeout);
        }
    }

    private static async Task<IResult> CommandAsync(string id, IEvseCommand command, SiteActors actors, CancellationToken cancellationToken)
    {
        if (!actors.IsConfigured(id))
        {
            return ApiProblems.UnknownEvse(id);
        }

        try
        {
            var result = await actors.CommandAsync(id, command, cancellationToken).ConfigureAwait(false);
            return result.Succeeded
                ? Results.Ok(new CommandResultView(result.EvseId, result.Operation, Succeeded: true))
                : ApiProblems.Refused($"{result.Operation} was not done", result.FailureReason ?? $"EVerest refused {result.Operation} on EVSE {id}.");
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer($"EVSE {id} ({command.Operation})", actors.AskTimeout);
        }
    }

    /// <summary>The site's allocation beside the EVSEs; a site that does not answer leaves it out rather than failing the list.</summary>
    private static async Task<SiteStatus?> TrySiteStatusAsync(SiteActors actors, CancellationToken cancellationToken)
    {
        try
        {
            return await actors.SiteStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}

/// <summary>The answer to an operator command that EVerest accepted.</summary>
public sealed record CommandResultView(string EvseId, string Operation, bool Succeeded);
