using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Everest.Site.Billing;
using Everest.Site.Billing.Corrections;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Everest.Site.Http;

/// <summary>
/// Billing over HTTP, under the token-protected <c>/api</c> group: <c>GET /api/cdrs</c> (CSV, JSON or OCPI 2.2.1),
/// <c>GET /api/sessions</c> (live transactions with their running cost, and finished ones) and
/// <c>POST /api/sessions/{sessionUuid}/corrections</c>. Everything is read from the billing read model; a request that
/// is wrong gets a 400 validation problem naming the field.
/// </summary>
public static class BillingEndpoints
{
    /// <summary>What <c>GET /api/sessions</c> lists of finished transactions without <c>from</c>: the last day.</summary>
    public static readonly TimeSpan DefaultFinishedWindow = TimeSpan.FromDays(1);

    public static RouteGroupBuilder MapBillingApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cdrs", CdrsAsync);
        api.MapGet("/sessions", SessionsAsync);
        api.MapPost("/sessions/{sessionUuid}/corrections", CorrectAsync);
        return api;
    }

    private static async Task<IResult> CdrsAsync(HttpContext context, string? from, string? to, string? format, string? evse, string? token)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromAt = Instant("from", from, problems);
        var toAt = Instant("to", to, problems);
        var cdrFormat = CdrFormat.Json;
        if (format is not null && (!Enum.TryParse(format, ignoreCase: true, out cdrFormat) || !Enum.IsDefined(cdrFormat) || format.Length == 0 || char.IsDigit(format[0])))
        {
            problems["format"] = ["must be csv, json or ocpi"];
        }

        if (fromAt is { } f && toAt is { } t && t <= f)
        {
            problems["to"] = ["must be after from"];
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        if (Services(context) is not { } billing)
        {
            return NoReadModel();
        }

        // The CDRs stream from the read model into the response. The first one is read before the response starts, so
        // that an unreachable database is still a 503 and not a cut-off body.
        var records = billing.Export.StreamAsync(new CdrFilter(fromAt, toAt, evse, token), context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        await using var recordsDisposal = records.ConfigureAwait(false);
        bool any;
        try
        {
            any = await records.MoveNextAsync().ConfigureAwait(false);
        }
        catch (DbException e)
        {
            return DatabaseUnavailable(e);
        }

        if (cdrFormat == CdrFormat.Ocpi)
        {
            // The location OCPI requires is checked before the response starts: once bytes are sent, the status can no
            // longer say what is wrong.
            try
            {
                await CdrExport.WriteAsync([], CdrFormat.Ocpi, billing.Site, Stream.Null, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BillingExportException e)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "OCPI export not configured", detail: e.Message);
            }
        }

        context.Response.ContentType = CdrExport.ContentType(cdrFormat);
        if (cdrFormat == CdrFormat.Csv)
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"cdrs.csv\"";
        }

        await CdrExport.WriteAsync(Rest(records, any), cdrFormat, billing.Site, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>The records of an enumerator whose first <c>MoveNextAsync</c> was already awaited (and said <paramref name="any"/>).</summary>
    private static async IAsyncEnumerable<ChargeDetailRecord> Rest(IAsyncEnumerator<ChargeDetailRecord> records, bool any)
    {
        for (var more = any; more; more = await records.MoveNextAsync().ConfigureAwait(false))
        {
            yield return records.Current;
        }
    }

    private static async Task<IResult> SessionsAsync(HttpContext context, string? from, string? to)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fromAt = Instant("from", from, problems);
        var toAt = Instant("to", to, problems);
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        if (Services(context) is not { } billing)
        {
            return NoReadModel();
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        try
        {
            var live = (await billing.ReadModel.LiveSessionsAsync(context.RequestAborted).ConfigureAwait(false))
                .Select(s => BillingSessionView.Of(ChargeDetailRecords.Live(billing.Site.EvseOfHistory(s.EvseId), s.Session, billing.Site.Tariffs, now), live: true))
                .ToList();
            var finished = (await billing.Export.RecordsAsync(new CdrFilter(fromAt ?? now - DefaultFinishedWindow, toAt), context.RequestAborted).ConfigureAwait(false))
                .Where(r => r.Kind == CdrKind.Original)
                .Select(r => BillingSessionView.Of(r, live: false))
                .ToList();
            return Results.Ok(new BillingSessionsView(live, finished, context.RequestServices.GetService<BillingProjection>()?.Lag));
        }
        catch (DbException e)
        {
            return DatabaseUnavailable(e);
        }
    }

    private static async Task<IResult> CorrectAsync(HttpContext context, string sessionUuid)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as JSON with 'Content-Type: application/json'.");
        }

        BillingCorrectionBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<BillingCorrectionBody>(context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["body"] = [$"is not the JSON object expected: {e.Message}"] });
        }

        if (body is null)
        {
            return Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["body"] = ["expected a JSON object, found null"] });
        }

        if (Services(context) is not { } billing)
        {
            return NoReadModel();
        }

        try
        {
            var (correction, problems) = await billing.Corrections.ValidateAsync(new CorrectionRequest(sessionUuid, body.Kind, body.TariffId, body.Reason, body.By), context.RequestAborted).ConfigureAwait(false);
            if (correction is null)
            {
                return Invalid(problems.ToDictionary(p => FieldOf(p.Key), p => p.Value, StringComparer.Ordinal));
            }

            await BillingCorrections.StoreAsync(context.RequestServices.GetRequiredService<ActorSystem>(), correction).ConfigureAwait(false);
            var cdrs = string.Create(CultureInfo.InvariantCulture, $"/api/cdrs?from={Uri.EscapeDataString(correction.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}");
            return Results.Accepted(cdrs, new BillingCorrectionView(correction.SessionUuid, correction.At, correction.Kind.ToString().ToLowerInvariant(), correction.TariffId, correction.Reason, correction.By, cdrs));
        }
        catch (DbException e)
        {
            return DatabaseUnavailable(e);
        }
        catch (AskTimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Correction not stored", detail: "The journal did not confirm the correction in time; nothing is known to be stored. Try again.");
        }
    }

    private static BillingServices? Services(HttpContext context)
    {
        var services = context.RequestServices;
        return services.GetService<CdrExport>() is { } export
            ? new BillingServices(export, services.GetRequiredService<BillingReadModel>(), services.GetRequiredService<BillingCorrections>(), services.GetRequiredService<BillingSite>())
            : null;
    }

    private static DateTimeOffset? Instant(string field, string? text, Dictionary<string, string[]> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        problems[field] = ["must be an ISO 8601 date or instant, e.g. 2026-03-01 or 2026-03-01T00:00:00Z"];
        return null;
    }

    /// <summary>The request's names for the validator's fields (the session uuid is in the path).</summary>
    private static string FieldOf(string field) => field switch
    {
        "session_uuid" => "sessionUuid",
        "tariff_id" => "tariffId",
        _ => field,
    };

    private static IResult Invalid(Dictionary<string, string[]> problems) => Results.ValidationProblem(
        problems,
        title: "The request is not valid",
        detail: string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));

    private static IResult NoReadModel() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Billing not available",
        detail: "Billing keeps its read model in the journal's database: everest-site.persistence.provider must be sqlite or postgresql.");

    private static IResult DatabaseUnavailable(DbException e) => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Billing database unavailable",
        detail: e.Message);

    private sealed record BillingServices(CdrExport Export, BillingReadModel ReadModel, BillingCorrections Corrections, BillingSite Site);
}
