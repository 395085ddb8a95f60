using Akka.Actor;
using Akka.Event;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;

namespace Everest.Site.Evse;

/// <summary>
/// The parent of every EVSE entity on this gateway box: one child per EVSE of the <see cref="EvseFleetPlan"/>, named
/// <c>evse-{id}</c> (an <see cref="EvseInbox"/> that keeps the EVSE's input and supervises its
/// <see cref="EvseActor"/> with a backoff). <see cref="EvseEnvelope"/>s are routed by EVSE id through
/// <see cref="EvseMessageExtractor"/>; the child receives the envelope's content with the original sender, so a
/// command's answer goes straight to whoever asked. An envelope for an EVSE that is not configured is answered with
/// a failure rather than lost.
/// </summary>
public sealed class EvseFleetActor : UntypedActor
{
    private readonly EvseFleetPlan _plan;
    private readonly EverestApiClient _client;
    private readonly IBrokerBarrier _barrier;
    private readonly TimeProvider _time;
    private readonly SiteMetrics? _metrics;
    private readonly EvseMessageExtractor _extractor = new();
    private readonly Dictionary<string, IActorRef> _entities = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public EvseFleetActor(EvseFleetPlan plan, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, SiteMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(time);
        _plan = plan;
        _client = client;
        _barrier = barrier;
        _time = time;
        _metrics = metrics;
    }

    /// <summary>
    /// The fleet of <paramref name="plan"/>, whose EVSE actors talk to EVerest through <paramref name="client"/>, ask
    /// <paramref name="barrier"/> before reconciling after a restart and take event timestamps from
    /// <paramref name="time"/>; journal writes are measured in <paramref name="metrics"/> when given.
    /// </summary>
    public static Props Props(EvseFleetPlan plan, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, SiteMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(time);
        return Akka.Actor.Props.Create(() => new EvseFleetActor(plan, client, barrier, time, metrics));
    }

    /// <summary>
    /// An inbox holds messages nobody else has; restarting it would lose them. Its own code is bookkeeping, so a
    /// failure there is logged and the inbox resumes with what it holds. (The EVSE actors are supervised by their
    /// backoff supervisors, not by this strategy.)
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

    protected override void PreStart()
    {
        foreach (var evse in _plan.Evses)
        {
            _entities.Add(evse.EvseId, Context.ActorOf(EvseInbox.Props(evse, _plan, _client, _barrier, _time, _metrics), EvseActorSettings.PersistenceIdOf(evse.EvseId)));
        }

        _log.Info("EVSE fleet started: {EvseCount} EVSEs", _entities.Count);
    }

    protected override void OnReceive(object message)
    {
        if (_extractor.EntityId(message) is not { } evseId)
        {
            Unhandled(message);
            return;
        }

        if (_entities.TryGetValue(evseId, out var entity))
        {
            entity.Forward(_extractor.EntityMessage(message)!);
            return;
        }

        _log.Warning("No EVSE '{EvseId}' is configured; a {MessageType} for it was refused", evseId, ((EvseEnvelope)message).Message.GetType().Name);
        if (!Sender.IsNobody())
        {
            Sender.Tell(new Status.Failure(new KeyNotFoundException($"No EVSE '{evseId}' is configured (everest-site.chargers[].evses[].id).")));
        }
    }
}
