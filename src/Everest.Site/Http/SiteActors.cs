using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Configuration;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Http;

/// <summary>
/// The actors the HTTP API talks to, found through the actor registry, and the one way it asks them: with
/// <c>http.ask-timeout</c>, so a busy or restarting actor answers a request with 504 instead of holding it.
/// </summary>
public sealed class SiteActors(
    IRequiredActor<EvseFleetKey> fleet,
    IRequiredActor<SiteKey> site,
    EvseFleetPlan plan,
    EverestSiteOptions options)
{
    public EvseFleetPlan Plan => plan;

    public string SiteId => options.SiteId;

    public TimeSpan AskTimeout => options.Http.AskTimeout;

    /// <summary>True when <paramref name="evseId"/> is configured.</summary>
    public bool IsConfigured(string evseId) => plan.Contains(evseId);

    public Task<EvseSnapshot> SnapshotAsync(string evseId, CancellationToken cancellationToken) =>
        fleet.ActorRef.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), AskTimeout, cancellationToken);

    public Task<EvseCommandResult> CommandAsync(string evseId, IEvseCommand command, CancellationToken cancellationToken) =>
        fleet.ActorRef.Ask<EvseCommandResult>(new EvseEnvelope(evseId, command), AskTimeout, cancellationToken);

    public Task<SiteStatus> SiteStatusAsync(CancellationToken cancellationToken) =>
        site.ActorRef.Ask<SiteStatus>(GetSiteStatus.Instance, AskTimeout, cancellationToken);

    /// <summary>Asks the site actor; the answer is one of the reply types of <paramref name="request"/> (accepted, cancelled or refused).</summary>
    public Task<object> AskSiteAsync(object request, CancellationToken cancellationToken) =>
        site.ActorRef.Ask<object>(request, AskTimeout, cancellationToken);
}
