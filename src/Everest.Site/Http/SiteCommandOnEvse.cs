using Akka.Actor;
using Microsoft.AspNetCore.Http;

namespace Everest.Site.Http;

/// <summary>
/// The outline every "set something for the car at an EVSE" endpoint shares, so they answer alike: an EVSE that is
/// not configured is 404 whatever the body says; then the body is read and checked (400 naming the field); then the
/// site actor is asked, which persists the change before it answers; its answer becomes the response, and no answer
/// within the ask timeout is a problem naming <c>what</c> was asked.
/// </summary>
internal static class SiteCommandOnEvse
{
    /// <param name="check">The body's problem (usually <see cref="ApiProblems.BadField"/>), or null when it is good.</param>
    /// <param name="command">The site actor's command for the checked body.</param>
    /// <param name="respond">The response to the site actor's answer (with the body it answers), or null for an answer it never gives to this command.</param>
    public static async Task<IResult> SendAsync<TBody>(
        string evseId,
        HttpRequest request,
        SiteActors actors,
        string what,
        Func<TBody, IResult?> check,
        Func<TBody, object> command,
        Func<TBody, object, IResult?> respond,
        CancellationToken cancellationToken)
        where TBody : class
    {
        if (!actors.IsConfigured(evseId))
        {
            return ApiProblems.UnknownEvse(evseId);
        }

        var (body, problem) = await JsonBody.ReadAsync<TBody>(request, cancellationToken).ConfigureAwait(false);
        if ((problem ?? check(body!)) is { } refused)
        {
            return refused;
        }

        try
        {
            var answer = await actors.AskSiteAsync(command(body!), cancellationToken).ConfigureAwait(false);
            return respond(body!, answer) ?? throw new InvalidOperationException($"The site answered a {what} with {answer.GetType().Name}.");
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.NoAnswer($"The site actor ({what})", actors.AskTimeout);
        }
    }
}
