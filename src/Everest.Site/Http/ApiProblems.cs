using Microsoft.AspNetCore.Http;

namespace Everest.Site.Http;

/// <summary>The RFC 7807 answers the API shares.</summary>
internal static class ApiProblems
{
    public static IResult UnknownEvse(string evseId) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown EVSE",
        detail: $"No EVSE '{evseId}' is configured (everest-site.chargers[].evses[].id).");

    public static IResult NoAnswer(string from, TimeSpan timeout) => Results.Problem(
        statusCode: StatusCodes.Status504GatewayTimeout,
        title: "No answer in time",
        detail: $"{from} did not answer within {timeout.TotalSeconds:0.#} s (everest-site.http.ask-timeout); try again.");

    public static IResult Refused(string title, string reason) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: title,
        detail: reason);

    /// <summary>400 naming the field that is wrong, in the <c>errors</c> map of a validation problem.</summary>
    public static IResult BadField(string field, string message) => Results.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        title: "The request body is not valid",
        detail: $"{field}: {message}");
}
