using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Everest.Site.Http;

/// <summary>
/// Reads a JSON request body strictly (unknown properties refused, camelCase names), turning every way it can be
/// wrong into a 400 that names the field, or 413/415 for a body too large or not JSON.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send the body as JSON with 'Content-Type: application/json'."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, cancellationToken).ConfigureAwait(false);
            return body is null ? (null, ApiProblems.BadField("body", "expected a JSON object, found null")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadField(FieldOf(e), MessageOf(e)));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's limits (everest-site's request size limits) end up here: the body was too large or cut off.
            return (null, Results.Problem(statusCode: e.StatusCode, title: "Bad request body", detail: e.Message));
        }
    }

    /// <summary>The JSON path of the offending value without its <c>$.</c> root (<c>expiresAt</c>), or <c>body</c> for the whole.</summary>
    private static string FieldOf(JsonException e)
    {
        var path = e.Path;
        if (path is null or "$")
        {
            return UnmappedMember(e.Message) ?? MissingRequired(e.Message) ?? "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>System.Text.Json names an unknown property only in its message (<c>The JSON property 'x' could not be mapped …</c>).</summary>
    private static string? UnmappedMember(string message) => QuotedAfter(message, "The JSON property '");

    /// <summary>… and a missing <c>[JsonRequired]</c> one too (<c>… missing required properties including: 'x'.</c>).</summary>
    private static string? MissingRequired(string message) => QuotedAfter(message, "missing required properties including: '");

    private static string? QuotedAfter(string message, string marker)
    {
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string MessageOf(JsonException e) =>
        UnmappedMember(e.Message) is { } name ? $"'{name}' is not a field of this request"
        : (e.Path is null or "$") && MissingRequired(e.Message) is not null ? "is required"
        : e.Path is null or "$" ? "the body is not a valid JSON object"
        : "has the wrong type or format (text in quotes; times in ISO 8601, e.g. 2030-01-01T12:00:00Z)";
}
