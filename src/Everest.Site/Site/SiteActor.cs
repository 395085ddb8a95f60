using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Everest.Site.Diagnostics;
using Everest.Site.Domain.Allocation;
using Everest.Site.Evse;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>
/// The site (<c>site</c>): shares the grid connection among the EVSEs. It follows every EVSE's
/// <see cref="EvseStatusChanged"/>, runs the <see cref="SiteAllocator"/> on every relevant change and on the
/// <c>allocation.tick</c>, and commands the EVSEs through the fleet: lowerings at once, raisings only after every
/// lowering shows in the meters (or timed out and is counted at its worst case), so a transition never overloads.
/// EVSEs with an energy-limits module get <c>set_external_limits</c> schedules that end in the fallback current
/// (renewed before it falls due); the others are paused and resumed. Reservations are made, expired and ended
/// here. Decisions worth auditing and the reservations are persisted under <see cref="SiteSettings.PersistenceId"/>.
/// </summary>
public sealed partial class SiteActor : ReceivePersistentActor, IWithTimers
{
    private const string TickTimer = "allocation.tick";

    private readonly SiteSettings _settings;
    private readonly IActorRef _fleet;
    private readonly TimeProvider _time;

    /// <summary>Where allocator runs are timed; null when nobody measures.</summary>
    private readonly SiteMetrics? _metrics;
    private readonly SiteAllocator _allocator;
    private readonly Dictionary<string, EvseControl> _evses = new(StringComparer.Ordinal);
    private readonly List<EvseControl> _order = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AllocationState _allocation = AllocationState.Empty;
    private AllocationResult? _lastResult;
    private DateTimeOffset _startedAt;

    public SiteActor(SiteSettings settings, IActorRef fleet, TimeProvider time, SiteMetrics? metrics = null)
    {
        _settings = settings;
        _metrics = metrics;
        _fleet = fleet;
        _time = time;
        _allocator = new SiteAllocator(settings.Policy);
        foreach (var evse in settings.Evses)
        {
            var control = new EvseControl(evse);
            _evses.Add(evse.EvseId, control);
            _order.Add(control);
        }

        Recover<ISiteEvent>(Recovered);
        Command<EvseStatusChanged>(changed => OnStatus(changed.Status));
        Command<EvseSnapshot>(OnSnapshot);
        Command<AllocationTick>(_ => OnTick());
        Command<EvseCommandResult>(OnCommandResult);
        Command<ReserveEvse>(OnReserve);
        Command<CancelSiteReservation>(OnCancelReservation);
        Command<ReservationExpired>(OnReservationExpired);
        Command<GetSiteStatus>(_ => Sender.Tell(CurrentStatus()));
        Command<SetSessionPriority>(OnSetSessionPriority);
        Command<SetSessionGoal>(OnSetSessionGoal);
        Command<CsmsSchedulesReceived>(OnCsmsSchedules);
        Command<Status.Failure>(failure => _log.Warning("The EVSE fleet refused a site message: {Reason}", failure.Cause.Message));
    }

    public override string PersistenceId => SiteSettings.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The site of <paramref name="settings"/>, commanding EVSEs through <paramref name="fleet"/> (the <see cref="EvseFleetActor"/>).</summary>
    public static Props Props(SiteSettings settings, IActorRef fleet, TimeProvider time, SiteMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        return Akka.Actor.Props.Create(() => new SiteActor(settings, fleet, time, metrics));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EvseStatusChanged));
        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    protected override void OnReplaySuccess()
    {
        // Statuses published before this actor subscribed are not lost: every EVSE is asked once.
        foreach (var evse in _order)
        {
            _fleet.Tell(new EvseEnvelope(evse.Wiring.EvseId, GetEvseSnapshot.Instance));
        }

        _startedAt = Now;
        Timers.StartPeriodicTimer(TickTimer, AllocationTick.Instance, _settings.Tick);
        RestartReservationTimers();
        _log.Info("Site started: {EvseCount} EVSEs, grid {GridA} A per phase, tick {Tick}", _order.Count, _settings.Model.CircuitMaxCurrentA[0], _settings.Tick);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private void OnSnapshot(EvseSnapshot snapshot)
    {
        if (_evses.TryGetValue(snapshot.EvseId, out var evse))
        {
            evse.ConnectorTypes = snapshot.Live.Evse?.Connectors.Select(c => c.Type?.Value).OfType<string>().ToList() ?? [];
            OnStatus(snapshot.Status);
        }
    }

    private void OnTick()
    {
        var now = Now;
        foreach (var evse in _order)
        {
            ExpireWaits(evse, now);
        }

        Allocate(now);
    }

    /// <summary>The internal tick of the allocation loop.</summary>
    internal sealed record AllocationTick
    {
        public static AllocationTick Instance { get; } = new();
    }

    /// <summary>A reservation's expiry fell due.</summary>
    internal sealed record ReservationExpired(int ReservationId);
}
