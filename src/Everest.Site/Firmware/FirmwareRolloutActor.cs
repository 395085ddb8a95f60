using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Firmware.RolloutEvents;

namespace Everest.Site.Firmware;

/// <summary>
/// The site's firmware rollout (<c>/user/firmware</c>) and the parent of every charger's <see cref="SystemActor"/>
/// (<c>system-{charger}</c>). A charger whose image is ready asks it for a place before it takes its EVSEs out of
/// service; places are given by <see cref="RolloutGate"/>: at most <c>max-concurrent-chargers</c> at once, enough
/// EVSEs left available, and with the canary on, the first charger of a rollout alone until it is back. A charger
/// that fails or is not back within <c>back-within</c> halts the rollout: every charger still waiting stays on its old
/// firmware and available. Chargers of one rollout are those updating at the same time, whether the CSMS sent each its
/// request or an operator started the rollout here (<see cref="StartRollout"/>).
/// The rollout's course (begun, each place granted, each charger ended, halted, closed) is in its journal
/// (<see cref="PersistenceId"/>), so after a restart the canary stays the canary, a charger that held a place keeps
/// it until its system actor tells how its installation ended, and a halted rollout stays halted.
/// </summary>
public sealed class FirmwareRolloutActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The rollout's persistence id (one per site).</summary>
    public const string RolloutPersistenceId = "firmware-rollout";

    /// <summary>
    /// After a restart, a charger that was installing gets at least this long to report back, even when its
    /// <c>back-within</c> ran out while the controller was down (it may well be back; its heartbeat tells).
    /// </summary>
    private static readonly TimeSpan BackGraceAfterRestart = TimeSpan.FromMinutes(1);

    /// <summary>When this incarnation started: an installation that began before it began before a restart.</summary>
    private readonly DateTimeOffset _startedAt;

    /// <summary>How long the fleet may take to tell an EVSE's status.</summary>
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(15);

    private readonly FirmwareSettings _settings;
    private readonly TimeProvider _time;
    private readonly IActorRef _fleet;
    private readonly IReadOnlyList<SystemChargerPlan> _chargers;
    private readonly Dictionary<string, IActorRef> _systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargerFirmwareStep> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvseStatus> _evses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _chargerOfEvse = new(StringComparer.Ordinal);

    /// <summary>Chargers out of service for installation, with their request id.</summary>
    private readonly Dictionary<string, int> _installing = new(StringComparer.Ordinal);

    /// <summary>Chargers whose system actor told its step since this actor started: until all did, no rollout closes.</summary>
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>Chargers waiting for a place, in the order they asked.</summary>
    private readonly List<RequestInstallSlot> _queue = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private Rollout? _rollout;
    private Rollout? _lastRollout;
    private int _rolloutCount;

    public FirmwareRolloutActor(IReadOnlyList<SystemChargerPlan> chargers, FirmwareSettings settings, SystemServices services)
    {
        _chargers = chargers;
        _settings = settings;
        _time = services.Time;
        _fleet = services.Fleet;
        _startedAt = _time.GetUtcNow();
        foreach (var charger in chargers)
        {
            _systems.Add(charger.ChargerId, Context.ActorOf(SystemActor.Props(charger, settings, services), charger.PersistenceId));
            _steps.Add(charger.ChargerId, new ChargerFirmwareStep(charger.ChargerId, null, FirmwareStep.Idle, null, null, BootReason.Unknown.Value));
            foreach (var evseId in charger.EvseIds)
            {
                _chargerOfEvse[evseId] = charger.ChargerId;
            }
        }

        Recover<IRolloutEvent>(Apply);
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is FirmwareRolloutSnapshot snapshot)
            {
                _rolloutCount = snapshot.RolloutCount;
                _lastRollout = snapshot.Last is { } last ? Rollout.From(last) : null;
            }
        });
        Command<SystemEnvelope>(OnEnvelope);
        Command<ChargerStepChanged>(changed =>
        {
            _steps[changed.Step.ChargerId] = changed.Step;
            _reported.Add(changed.Step.ChargerId);
            StartBackWithin(changed.Step);
            EndRolloutIfIdle();
        });
        Command<RequestInstallSlot>(OnRequestSlot);
        Command<InstallEnded>(OnInstallEnded);
        Command<BackTimeout>(OnBackTimeout);
        Command<EvseStatusChanged>(changed =>
        {
            _evses[changed.Status.EvseId] = changed.Status;
            TryGrant();
        });
        Command<EvseSnapshot>(snapshot =>
        {
            // A change published since is newer than this answer.
            if (_evses.TryAdd(snapshot.Status.EvseId, snapshot.Status))
            {
                TryGrant();
            }
        });
        Command<Status.Failure>(failure => _log.Warning("Firmware rollout: an EVSE's status is unknown ({0}); it counts as unavailable until it changes", failure.Cause.Message));
        Command<GetFirmwareOverview>(_ => Sender.Tell(Overview()));
        Command<StartRollout>(OnStartRollout);
        Command<RolloutAnswered>(OnRolloutAnswered);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Firmware rollout: snapshot not saved ({0}); recovery replays more", failure.Cause.Message));
    }

    public override string PersistenceId => RolloutPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<SystemChargerPlan> chargers, FirmwareSettings settings, SystemServices services)
    {
        ArgumentNullException.ThrowIfNull(chargers);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        return Akka.Actor.Props.Create(() => new FirmwareRolloutActor(chargers, settings, services));
    }

    protected override void PreStart()
    {
        // The EVSEs' statuses so far (the minimum available share counts them), then every change.
        Context.System.EventStream.Subscribe(Self, typeof(EvseStatusChanged));
        foreach (var evseId in _chargerOfEvse.Keys)
        {
            _fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), SnapshotTimeout).PipeTo(Self);
        }

        base.PreStart();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        if (_rollout is not { } rollout)
        {
            return;
        }

        _log.Info(
            "Firmware rollout {0} continues after a restart: canary {1}{2}, installing [{3}], done [{4}]{5}",
            rollout.Id,
            rollout.Canary ?? "none",
            rollout.CanaryBack ? " (back)" : "",
            string.Join(", ", _installing.Keys),
            string.Join(", ", rollout.Done),
            rollout.Halted is null ? "" : $", halted ({rollout.Halted})");

        // The back-within of a charger that was installing runs on once its system actor tells its step (StartBackWithin).
    }

    /// <summary>Changes the state by <paramref name="e"/> (also on replay).</summary>
    private void Apply(IRolloutEvent e)
    {
        switch (e)
        {
            case FirmwareRolloutBegun begun:
                _rolloutCount++;
                _rollout = new Rollout(begun.RolloutId);
                foreach (var request in begun.RequestIds)
                {
                    _rollout.Pending.Add(request.ChargerId);
                    _rollout.RequestIds[request.ChargerId] = request.RequestId;
                }

                break;
            case FirmwareRolloutChargerGranted granted when _rollout is { } rollout:
                _installing[granted.ChargerId] = granted.RequestId;
                rollout.Started.Add(granted.ChargerId);
                if (granted.Canary)
                {
                    rollout.Canary = granted.ChargerId;
                }

                break;
            case FirmwareRolloutChargerEnded ended when _rollout is { } rollout:
                if (_installing.TryGetValue(ended.ChargerId, out var held) && held == ended.RequestId)
                {
                    _installing.Remove(ended.ChargerId);
                }

                switch (ended.Outcome)
                {
                    case RolloutChargerOutcome.Installed:
                        rollout.Done.Add(ended.ChargerId);
                        rollout.CanaryBack |= rollout.Canary == ended.ChargerId;
                        break;
                    case RolloutChargerOutcome.LeftOut:
                        rollout.Pending.Remove(ended.ChargerId);
                        rollout.RequestIds.Remove(ended.ChargerId);
                        break;
                }

                break;
            case FirmwareRolloutHalted halted when _rollout is { } rollout:
                rollout.Halted ??= halted.Reason;
                break;
            case FirmwareRolloutClosed:
                _lastRollout = _rollout;
                _rollout = null;
                _installing.Clear();
                break;
        }
    }

    /// <summary>Applies <paramref name="e"/> at once (so the rest of this message sees it) and stores it; <paramref name="then"/> runs once it is stored.</summary>
    private void Record(IRolloutEvent e, Action? then = null)
    {
        Apply(e);
        Persist(e, _ => then?.Invoke());
    }

    private void OnEnvelope(SystemEnvelope envelope)
    {
        if (_systems.TryGetValue(envelope.ChargerId, out var system))
        {
            system.Forward(envelope.Message);
            return;
        }

        _log.Warning("No charger '{0}' is configured; a {1} for it was refused", envelope.ChargerId, envelope.Message.GetType().Name);
        Sender.Tell(new Status.Failure(new KeyNotFoundException($"No charger '{envelope.ChargerId}' is configured (everest-site.chargers[].id).")));
    }

    private void OnRequestSlot(RequestInstallSlot request)
    {
        _queue.RemoveAll(q => q.ChargerId == request.ChargerId);
        if (_installing.TryGetValue(request.ChargerId, out var holding) && holding == request.RequestId)
        {
            Sender.Tell(new InstallSlotGranted(request.RequestId));
            return;
        }

        if (_rollout is null)
        {
            Begin(request.RolloutId, null, []);
        }

        _queue.Add(request);
        TryGrant();
    }

    private Rollout Begin(string? id, string? location, IReadOnlyList<RolloutChargerRequest> requests)
    {
        var rolloutId = id ?? $"rollout-{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{(_rolloutCount + 1).ToString(CultureInfo.InvariantCulture)}";
        var limits = _settings.Limits;
        Record(new FirmwareRolloutBegun(rolloutId, location, requests, limits.MaxConcurrentChargers, limits.MinAvailableShare, limits.Canary, _settings.BackWithin, _time.GetUtcNow()));
        _log.Info("Firmware rollout {0} begins", rolloutId);
        return _rollout!;
    }

    /// <summary>Gives places to waiting chargers as far as the limits allow; tells the others why they wait.</summary>
    private void TryGrant()
    {
        if (_rollout is not { } rollout)
        {
            return;
        }

        foreach (var request in _queue.ToList())
        {
            var situation = new RolloutSituation(
                _installing.Count,
                _settings.Limits.Canary && !rollout.CanaryBack && (rollout.Canary is not null || _installing.Count > 0),
                rollout.Halted is not null,
                AvailableOutsidePlaces(),
                _chargerOfEvse.Count,
                _chargers.Single(c => c.ChargerId == request.ChargerId).EvseIds.Count(id => _evses.TryGetValue(id, out var s) && Available(s)));
            var why = RolloutGate.WhyWait(_settings.Limits, situation);
            var system = _systems[request.ChargerId];
            if (rollout.Halted is { } halted)
            {
                _queue.Remove(request);
                system.Tell(new RolloutHalted(request.RequestId, $"rollout {rollout.Id} halted: {halted}"));
                continue;
            }

            if (why is not null)
            {
                system.Tell(new InstallSlotQueued(request.RequestId, why));
                continue;
            }

            _queue.Remove(request);
            var canary = _settings.Limits.Canary && rollout.Canary is null;
            if (canary)
            {
                _log.Info("Firmware rollout {0}: charger {1} is the canary", rollout.Id, request.ChargerId);
            }

            Record(new FirmwareRolloutChargerGranted(rollout.Id, request.ChargerId, request.RequestId, canary, _time.GetUtcNow()), () =>
            {
                _log.Info("Firmware rollout {0}: charger {1} may take its EVSEs out of service and install", rollout.Id, request.ChargerId);
                system.Tell(new InstallSlotGranted(request.RequestId));
            });
        }

        EndRolloutIfIdle();
    }

    private static bool Available(EvseStatus status) => status.Online && status.Enabled != false;

    /// <summary>
    /// EVSEs available now, not counting those of chargers that hold a place: those are being taken out of service
    /// even while they still report available (a busy one until its car leaves), so the next charger must not count on them.
    /// </summary>
    private int AvailableOutsidePlaces() =>
        _evses.Values.Count(status => Available(status) && _chargerOfEvse.TryGetValue(status.EvseId, out var charger) && !_installing.ContainsKey(charger));

    private void OnInstallEnded(InstallEnded ended)
    {
        _queue.RemoveAll(q => q.ChargerId == ended.ChargerId && q.RequestId == ended.RequestId);
        var held = _installing.TryGetValue(ended.ChargerId, out var requestId) && requestId == ended.RequestId;
        var sentByRollout = _rollout is { } current && current.RequestIds.TryGetValue(ended.ChargerId, out var sent) && sent == ended.RequestId
            && !current.Started.Contains(ended.ChargerId);
        if (_rollout is { } rollout && (held || sentByRollout))
        {
            // Only a charger that held a place (or a request this rollout sent) counts: a system actor also reports
            // a request that ended before, e.g. when it recovers, and that must not touch the rollout under way.
            Timers.Cancel(BackTimerKey(ended.ChargerId));
            var outcome = ended.Cancelled || !held ? RolloutChargerOutcome.LeftOut
                : ended.Succeeded ? RolloutChargerOutcome.Installed
                : RolloutChargerOutcome.Failed;
            Record(new FirmwareRolloutChargerEnded(rollout.Id, ended.ChargerId, ended.RequestId, outcome, ended.Reason, _time.GetUtcNow()));
            if (outcome == RolloutChargerOutcome.Installed && rollout.Canary == ended.ChargerId)
            {
                _log.Info("Firmware rollout {0}: canary {1} is back; the rollout continues", rollout.Id, ended.ChargerId);
            }
            else if (outcome == RolloutChargerOutcome.Failed)
            {
                Halt(rollout, $"charger {ended.ChargerId} failed: {ended.Reason}");
            }
        }

        TryGrant();
    }

    /// <summary>
    /// A charger holding a place must be back within <c>back-within</c> of starting its installation (every EVSE out
    /// of service, the installer running), or the rollout halts. Not from getting its place: until its EVSEs are out of
    /// service it may wait for a car's transaction to end, which is no failure and can take hours.
    /// </summary>
    private void StartBackWithin(ChargerFirmwareStep step)
    {
        var key = BackTimerKey(step.ChargerId);
        if (!step.Step.IsInstallPhase()
            || !_installing.TryGetValue(step.ChargerId, out var requestId)
            || requestId != step.RequestId
            || Timers.IsTimerActive(key))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var since = step.Since ?? now;
        var left = since + _settings.BackWithin - now;
        if (since < _startedAt && left < BackGraceAfterRestart)
        {
            left = BackGraceAfterRestart;
        }

        Timers.StartSingleTimer(key, new BackTimeout(step.ChargerId, requestId), left);
    }

    private void OnBackTimeout(BackTimeout timeout)
    {
        if (_rollout is { } rollout && _installing.TryGetValue(timeout.ChargerId, out var requestId) && requestId == timeout.RequestId)
        {
            Halt(rollout, $"charger {timeout.ChargerId} was not back within {_settings.BackWithin}");
            TryGrant();
        }
    }

    private void Halt(Rollout rollout, string reason)
    {
        if (rollout.Halted is not null)
        {
            return;
        }

        Record(new FirmwareRolloutHalted(rollout.Id, reason, _time.GetUtcNow()));
        _log.Warning("Firmware rollout {0} halted: {1}; chargers that have not started stay on their firmware and available", rollout.Id, reason);
    }

    private void EndRolloutIfIdle()
    {
        if (_rollout is { } rollout && _reported.Count == _chargers.Count && _installing.Count == 0 && _queue.Count == 0 && !rollout.Pending.Any(IsRunning) && !_steps.Values.Any(InProgress))
        {
            _log.Info("Firmware rollout {0} ended: {1} chargers updated{2}", rollout.Id, rollout.Done.Count, rollout.Halted is null ? "" : $", halted ({rollout.Halted})");
            var now = _time.GetUtcNow();
            Record(new FirmwareRolloutClosed(rollout.Id, now), () =>
                SaveSnapshot(new FirmwareRolloutSnapshot(_rolloutCount, rollout.ToClosed(), now)));
        }
    }

    /// <summary>A charger busy with an update (downloading, verifying, waiting): it belongs to the rollout under way.</summary>
    /// (A request just accepted reads Idle until its first status: it counts from its request id.)
    private static bool InProgress(ChargerFirmwareStep step) => step.RequestId is not null && !step.Step.IsEnd();

    /// <summary>A charger of an operator's rollout whose request has not ended yet (it may still be downloading).</summary>
    private bool IsRunning(string chargerId) =>
        _rollout is { } rollout && rollout.RequestIds.TryGetValue(chargerId, out var requestId)
        && !(_steps.TryGetValue(chargerId, out var step) && step.RequestId == requestId && step.Step.IsEnd());

    private void OnStartRollout(StartRollout start)
    {
        if (_rollout is not null)
        {
            Sender.Tell(new RolloutRefused($"rollout {_rollout.Id} is in progress"));
            return;
        }

        var unknown = start.ChargerIds.Where(id => !_systems.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            Sender.Tell(new RolloutRefused($"no charger {string.Join(", ", unknown)} is configured"));
            return;
        }

        var chargers = start.ChargerIds.Count > 0 ? start.ChargerIds.Distinct(StringComparer.Ordinal).ToList() : [.. _chargers.Select(c => c.ChargerId)];
        var baseId = (int)(_time.GetUtcNow().ToUnixTimeSeconds() % 100_000_000) * 10;
        var requestIds = chargers.Select((charger, i) => new RolloutChargerRequest(charger, Math.Abs(baseId + i))).ToList();
        var rollout = Begin(null, start.Location, requestIds);
        var requester = Sender;
        DeferAsync(rollout, _ => SendRequests(rollout, start, requestIds, requester));
    }

    /// <summary>Once the rollout's beginning is stored: each charger gets its update_firmware.</summary>
    private void SendRequests(Rollout rollout, StartRollout start, IReadOnlyList<RolloutChargerRequest> requestIds, IActorRef requester)
    {
        var answers = new List<Task<(string Charger, string Answer)>>();
        foreach (var (charger, requestId) in requestIds)
        {
            var request = new FirmwareUpdateRequest(requestId, start.Location, start.Retries, start.RetryIntervalS, null, start.InstallAt, start.SigningCertificate, start.Signature);
            answers.Add(_systems[charger].Ask<UpdateFirmwareResponse>(new UpdateFirmware(request, rollout.Id), TimeSpan.FromSeconds(10))
                .ContinueWith(t => (charger, t.IsCompletedSuccessfully ? t.Result.Value : $"no answer ({t.Exception?.GetBaseException().Message})"), TaskScheduler.Default));
        }

        _log.Info("Firmware rollout {0} started by the operator over {1} chargers from {2}", rollout.Id, requestIds.Count, start.Location);
        var ids = requestIds.ToDictionary(r => r.ChargerId, r => r.RequestId, StringComparer.Ordinal);
        Task.WhenAll(answers).PipeTo(Self, success: all => new RolloutAnswered(requester, new RolloutStarted(rollout.Id, ids, all.ToDictionary(a => a.Charger, a => a.Answer, StringComparer.Ordinal))));
    }

    private void OnRolloutAnswered(RolloutAnswered answered)
    {
        if (_rollout is { } rollout && rollout.Id == answered.Started.RolloutId)
        {
            foreach (var (charger, answer) in answered.Started.Answers)
            {
                if (answer != UpdateFirmwareResponse.Accepted.Value && answer != UpdateFirmwareResponse.AcceptedCanceled.Value)
                {
                    _log.Warning("Firmware rollout {0}: charger {1} answered {2} and is left out", rollout.Id, charger, answer);
                    Record(new FirmwareRolloutChargerEnded(rollout.Id, charger, rollout.RequestIds[charger], RolloutChargerOutcome.LeftOut, $"answered {answer}", _time.GetUtcNow()));
                }
            }

            TryGrant();
            EndRolloutIfIdle();
        }

        answered.ReplyTo.Tell(answered.Started);
    }

    private FirmwareOverview Overview()
    {
        var rollout = _rollout ?? _lastRollout;
        RolloutSummary? summary = rollout is null ? null : new RolloutSummary(
            rollout.Id,
            rollout.Canary,
            rollout.CanaryBack,
            [.. _installing.Keys.Order(StringComparer.Ordinal)],
            [.. _queue.Select(q => q.ChargerId)],
            [.. rollout.Done.Order(StringComparer.Ordinal)],
            rollout.Halted);
        return new FirmwareOverview([.. _chargers.Select(c => _steps[c.ChargerId])], summary);
    }

    private static string BackTimerKey(string chargerId) => $"back.{chargerId}";

    private sealed record BackTimeout(string ChargerId, int RequestId);

    private sealed record RolloutAnswered(IActorRef ReplyTo, RolloutStarted Started);

    /// <summary>One rollout: who is the canary, who is done, whether it halted.</summary>
    private sealed class Rollout(string id)
    {
        public static Rollout From(ClosedRollout closed)
        {
            var rollout = new Rollout(closed.RolloutId) { Canary = closed.Canary, CanaryBack = closed.CanaryBack, Halted = closed.Halted };
            rollout.Done.UnionWith(closed.Done);
            return rollout;
        }

        public string Id { get; } = id;

        public string? Canary { get; set; }

        public bool CanaryBack { get; set; }

        public string? Halted { get; set; }

        public HashSet<string> Started { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Done { get; } = new(StringComparer.Ordinal);

        /// <summary>Chargers an operator's rollout sent a request to.</summary>
        public HashSet<string> Pending { get; } = new(StringComparer.Ordinal);

        /// <summary>The request id each charger of an operator's rollout was sent.</summary>
        public Dictionary<string, int> RequestIds { get; } = new(StringComparer.Ordinal);

        public ClosedRollout ToClosed() => new(Id, Canary, CanaryBack, [.. Done.Order(StringComparer.Ordinal)], Halted);
    }
}
