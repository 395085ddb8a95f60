using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;

namespace Everest.Site.Firmware;

/// <summary>
/// The site's firmware rollout (<c>/user/firmware</c>) and the parent of every charger's <see cref="SystemActor"/>
/// (<c>system-{charger}</c>). A charger whose image is ready asks it for a place before it takes its EVSEs out of
/// service; places are given by <see cref="RolloutGate"/>: at most <c>max-concurrent-chargers</c> at once, enough
/// EVSEs left available, and with the canary on, the first charger of a rollout alone until it is back. A charger
/// that fails or is not back within <c>back-within</c> halts the rollout: every charger still waiting stays on its old
/// firmware and available. Chargers of one rollout are those updating at the same time, whether the CSMS sent each its
/// request or an operator started the rollout here (<see cref="StartRollout"/>).
/// </summary>
public sealed class FirmwareRolloutActor : ReceiveActor, IWithTimers
{
    private readonly FirmwareSettings _settings;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<SystemChargerPlan> _chargers;
    private readonly Dictionary<string, IActorRef> _systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChargerFirmwareStep> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvseStatus> _evses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _chargerOfEvse = new(StringComparer.Ordinal);

    /// <summary>Chargers out of service for installation, with their request id.</summary>
    private readonly Dictionary<string, int> _installing = new(StringComparer.Ordinal);

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
        foreach (var charger in chargers)
        {
            _systems.Add(charger.ChargerId, Context.ActorOf(SystemActor.Props(charger, settings, services), charger.PersistenceId));
            _steps.Add(charger.ChargerId, new ChargerFirmwareStep(charger.ChargerId, null, FirmwareStep.Idle, null, null, BootReason.Unknown.Value));
            foreach (var evseId in charger.EvseIds)
            {
                _chargerOfEvse[evseId] = charger.ChargerId;
            }
        }

        Receive<SystemEnvelope>(OnEnvelope);
        Receive<ChargerStepChanged>(changed =>
        {
            _steps[changed.Step.ChargerId] = changed.Step;
            EndRolloutIfIdle();
        });
        Receive<RequestInstallSlot>(OnRequestSlot);
        Receive<InstallEnded>(OnInstallEnded);
        Receive<BackTimeout>(OnBackTimeout);
        Receive<EvseStatusChanged>(changed =>
        {
            _evses[changed.Status.EvseId] = changed.Status;
            TryGrant();
        });
        Receive<GetFirmwareOverview>(_ => Sender.Tell(Overview()));
        Receive<StartRollout>(OnStartRollout);
        Receive<RolloutAnswered>(OnRolloutAnswered);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IReadOnlyList<SystemChargerPlan> chargers, FirmwareSettings settings, SystemServices services)
    {
        ArgumentNullException.ThrowIfNull(chargers);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        return Akka.Actor.Props.Create(() => new FirmwareRolloutActor(chargers, settings, services));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(EvseStatusChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

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

        _rollout ??= NewRollout(request.RolloutId);
        _queue.Add(request);
        TryGrant();
    }

    private Rollout NewRollout(string? id)
    {
        _rolloutCount++;
        var rollout = new Rollout(id ?? $"rollout-{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{_rolloutCount.ToString(CultureInfo.InvariantCulture)}");
        _log.Info("Firmware rollout {0} begins", rollout.Id);
        return rollout;
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
                _evses.Values.Count(Available),
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
            _installing[request.ChargerId] = request.RequestId;
            if (_settings.Limits.Canary && rollout.Canary is null)
            {
                rollout.Canary = request.ChargerId;
                _log.Info("Firmware rollout {0}: charger {1} is the canary", rollout.Id, request.ChargerId);
            }

            rollout.Started.Add(request.ChargerId);
            Timers.StartSingleTimer(BackTimerKey(request.ChargerId), new BackTimeout(request.ChargerId, request.RequestId), _settings.BackWithin);
            _log.Info("Firmware rollout {0}: charger {1} may take its EVSEs out of service and install", rollout.Id, request.ChargerId);
            system.Tell(new InstallSlotGranted(request.RequestId));
        }

        EndRolloutIfIdle();
    }

    private static bool Available(EvseStatus status) => status.Online && status.Enabled != false;

    private void OnInstallEnded(InstallEnded ended)
    {
        _queue.RemoveAll(q => q.ChargerId == ended.ChargerId && q.RequestId == ended.RequestId);
        var held = _installing.TryGetValue(ended.ChargerId, out var requestId) && requestId == ended.RequestId;
        if (held)
        {
            _installing.Remove(ended.ChargerId);
            Timers.Cancel(BackTimerKey(ended.ChargerId));
        }

        if (_rollout is { } rollout && !ended.Cancelled)
        {
            if (ended.Succeeded)
            {
                rollout.Done.Add(ended.ChargerId);
                if (rollout.Canary == ended.ChargerId)
                {
                    rollout.CanaryBack = true;
                    _log.Info("Firmware rollout {0}: canary {1} is back; the rollout continues", rollout.Id, ended.ChargerId);
                }
            }
            else if (held)
            {
                Halt(rollout, $"charger {ended.ChargerId} failed: {ended.Reason}");
            }
        }

        TryGrant();
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

        rollout.Halted = reason;
        _log.Warning("Firmware rollout {0} halted: {1}; chargers that have not started stay on their firmware and available", rollout.Id, reason);
    }

    private void EndRolloutIfIdle()
    {
        if (_rollout is { } rollout && _installing.Count == 0 && _queue.Count == 0 && !rollout.Pending.Any(IsRunning) && !_steps.Values.Any(InProgress))
        {
            _log.Info("Firmware rollout {0} ended: {1} chargers updated{2}", rollout.Id, rollout.Done.Count, rollout.Halted is null ? "" : $", halted ({rollout.Halted})");
            _lastRollout = rollout;
            _rollout = null;
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
        var rollout = NewRollout(null);
        _rollout = rollout;
        var baseId = (int)(_time.GetUtcNow().ToUnixTimeSeconds() % 100_000_000) * 10;
        var requestIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var answers = new List<Task<(string Charger, string Answer)>>();
        for (var i = 0; i < chargers.Count; i++)
        {
            var charger = chargers[i];
            var requestId = Math.Abs(baseId + i);
            requestIds[charger] = requestId;
            rollout.Pending.Add(charger);
            rollout.RequestIds[charger] = requestId;
            var request = new FirmwareUpdateRequest(requestId, start.Location, start.Retries, start.RetryIntervalS, null, start.InstallAt, start.SigningCertificate, start.Signature);
            answers.Add(_systems[charger].Ask<UpdateFirmwareResponse>(new UpdateFirmware(request, rollout.Id), TimeSpan.FromSeconds(10))
                .ContinueWith(t => (charger, t.IsCompletedSuccessfully ? t.Result.Value : $"no answer ({t.Exception?.GetBaseException().Message})"), TaskScheduler.Default));
        }

        _log.Info("Firmware rollout {0} started by the operator over {1} chargers from {2}", rollout.Id, chargers.Count, start.Location);
        var requester = Sender;
        Task.WhenAll(answers).PipeTo(Self, success: all => new RolloutAnswered(requester, new RolloutStarted(rollout.Id, requestIds, all.ToDictionary(a => a.Charger, a => a.Answer, StringComparer.Ordinal))));
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
                    rollout.Pending.Remove(charger);
                    rollout.RequestIds.Remove(charger);
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
    }
}
