using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Firmware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Everest.Site.Http;

/// <summary>
/// The firmware part of the HTTP API: <c>GET /api/firmware</c> (each charger's step and the rollout under way) and
/// <c>POST /api/firmware/rollouts</c> (an operator starts a rollout, the same flow as the CSMS's update_firmware).
/// </summary>
public static class FirmwareEndpoints
{
    /// <summary>How long an endpoint waits for the rollout actor.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapFirmwareApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/firmware", GetFirmwareAsync);
        api.MapPost("/firmware/rollouts", StartRolloutAsync);
        return api;
    }

    private static async Task<IResult> GetFirmwareAsync(IRequiredActor<FirmwareKey> firmware, CancellationToken cancellationToken)
    {
        var overview = await firmware.ActorRef.Ask<FirmwareOverview>(GetFirmwareOverview.Instance, AskTimeout, cancellationToken);
        return Results.Ok(FirmwareView.From(overview));
    }

    private static async Task<IResult> StartRolloutAsync(RolloutRequest? request, IRequiredActor<FirmwareKey> firmware, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null || string.IsNullOrWhiteSpace(request.Location))
        {
            problems["location"] = ["the firmware image's URL is required"];
        }
        else if (!Uri.TryCreate(request.Location, UriKind.Absolute, out _))
        {
            problems["location"] = ["expected an absolute URL (http, https or file)"];
        }

        if (request?.Retries is < 0)
        {
            problems["retries"] = ["expected 0 or more"];
        }

        if (request?.RetryIntervalS is < 0)
        {
            problems["retryIntervalS"] = ["expected 0 or more"];
        }

        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems);
        }

        var start = new StartRollout(request!.Location!, request.Chargers ?? [], request.SigningCertificate, request.Signature, request.InstallAt, request.Retries, request.RetryIntervalS);
        return await firmware.ActorRef.Ask<object>(start, AskTimeout, cancellationToken) switch
        {
            RolloutStarted started => Results.Accepted("/api/firmware", started),
            RolloutRefused refused => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The rollout was not started"),
            var other => Results.Problem($"unexpected answer {other.GetType().Name}", statusCode: StatusCodes.Status500InternalServerError),
        };
    }
}

/// <summary>The body of <c>POST /api/firmware/rollouts</c>.</summary>
/// <param name="Chargers">Charger ids; null or empty: every charger.</param>
public sealed record RolloutRequest(
    string? Location,
    IReadOnlyList<string>? Chargers = null,
    string? SigningCertificate = null,
    string? Signature = null,
    DateTimeOffset? InstallAt = null,
    int? Retries = null,
    int? RetryIntervalS = null);

/// <summary>What <c>GET /api/firmware</c> returns: steps by their EVerest names.</summary>
public sealed record FirmwareView(IReadOnlyList<ChargerFirmwareView> Chargers, RolloutSummary? Rollout)
{
    public static FirmwareView From(FirmwareOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return new FirmwareView(
            [.. overview.Chargers.Select(c => new ChargerFirmwareView(c.ChargerId, c.RequestId, c.Step.ToString(), c.Detail, c.Since, c.BootReason))],
            overview.Rollout);
    }
}

public sealed record ChargerFirmwareView(string ChargerId, int? RequestId, string Step, string? Detail, DateTimeOffset? Since, string BootReason);
