using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Everest.Site.Diagnostics;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;

namespace Everest.Site.Evse;

/// <summary>
/// The single source of truth about one EVSE: its live state from every <c>e2m</c> topic of its
/// evse_manager_consumer instance, and its persisted history (sessions, transactions, pauses with who caused
/// them, reservations, availability, online/offline, decimated meter samples). Executes commands through the
/// EVerest API client without ever blocking (results come back as messages). Its input arrives from its
/// <see cref="EvseInbox"/> as numbered deliveries, acknowledged once what they caused is stored. Partial by concern:
/// <c>.Telemetry</c> (publications), <c>.Heartbeat</c>, <c>.Commands</c>, <c>.Rejections</c>, <c>.Reconciliation</c>,
/// <c>.Csms</c>, <c>.Lifecycle</c>.
/// </summary>
public sealed partial class EvseActor : UntypedPersistentActor, IWithTimers
{
    private readonly EvseActorSettings _settings;
    private readonly EvseManagerClient _evseManager;
    private readonly ExternalEnergyLimitsClient? _energyLimits;
    private readonly IBrokerBarrier _barrier;
    private readonly TimeProvider _time;

    /// <summary>Where journal writes are measured; null when nobody measures.</summary>
    private readonly SiteMetrics? _metrics;

    /// <summary>The inbox that feeds this actor and takes its acknowledgements.</summary>
    private readonly IActorRef _inbox;

    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>The fold of the persisted history; changed only in persist handlers and recovery.</summary>
    private EvseHistoryState _history = EvseHistoryState.Initial;

    /// <summary>What EVerest reports now; never persisted.</summary>
    private EvseLiveState _live = EvseLiveState.Initial;

    /// <summary>Our requests whose effect EVerest has not reported yet (see <see cref="PendingRequests"/>).</summary>
    private PendingRequests _pending = PendingRequests.None;

    /// <summary>The status last published, so that an unchanged one is not published again.</summary>
    private EvseStatus? _publishedStatus;

    /// <param name="settings">The EVSE's configuration.</param>
    /// <param name="client">The EVerest API client its commands go through.</param>
    /// <param name="barrier">Where it asks, before reconciling after a restart, that the broker's backlog has reached it.</param>
    /// <param name="time">Where event timestamps come from (timers run on the actor system's scheduler).</param>
    /// <param name="inbox">The inbox that feeds it; told when this incarnation is ready, what it handled, and when it stops.</param>
    /// <param name="metrics">Where journal write sizes, latencies and failures are recorded; null records nothing.</param>
    public EvseActor(EvseActorSettings settings, EverestApiClient client, IBrokerBarrier barrier, TimeProvider time, IActorRef inbox, SiteMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(inbox);
        _settings = settings;
        _barrier = barrier;
        _time = time;
        _inbox = inbox;
        _metrics = metrics;
        _evseManager = new EvseManagerClient(client, settings.ModuleId);
        _energyLimits = settings.EnergyLimitsModuleId is { } limitsModule ? new ExternalEnergyLimitsClient(client, limitsModule) : null;
    }

    public override string PersistenceId => EvseActorSettings.PersistenceIdOf(_settings.EvseId);

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: EvseHistoryState state }:
                _history = state;
                break;
            case IEvseHistoryEvent historyEvent:
                _history = _history.Apply(historyEvent);
                break;
            case RecoveryCompleted:
                _log.Info("EVSE {EvseId} recovered up to event {SequenceNr} (open session {SessionUuid}, open transaction {TransactionSessionUuid})",
                    _settings.EvseId, LastSequenceNr, _history.Session?.Uuid, _history.Transaction?.SessionUuid);
                StartHeartbeatSilenceTimer();
                PrepareReconciliation();
                PublishStatusIfChanged();
                _inbox.Tell(EvseActorReady.Instance, Self);
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        if (message is EvseDelivery delivery)
        {
            Deliver(delivery);
        }
        else
        {
            Handle(message);
        }

        ReleaseCsmsClaimOnceSettled();
        PublishStatusIfChanged();
    }

    private void Handle(object message)
    {
        switch (message)
        {
            case EverestPublication publication:
                OnPublication(publication.Message);
                break;
            case EverestPublicationRejected rejected:
                Reject(rejected.Topic, rejected.Reason);
                break;
            case OcppTransactionObserved ocpp:
                OnOcppTransactionEvent(ocpp.Event, ocpp.BrokerAcknowledgement);
                break;
            case HeartbeatSilence:
                OnHeartbeatSilence();
                break;
            case BrokerBarrierPassed passed:
                OnBarrierPassed(passed);
                break;
            case BrokerBarrierFailed failed:
                OnBarrierFailed(failed);
                break;
            case IEvseCommand command:
                Execute(command);
                break;
            case CommandCompleted completed:
                OnCommandCompleted(completed);
                break;
            case EvseInfoReceived info:
                _live = _live with { Evse = info.Evse };
                break;
            case EvseInfoFailed failed:
                _log.Warning("EVSE {EvseId}: get_evse failed: {Reason}", _settings.EvseId, failed.Cause.Message);
                break;
            case GetEvseSnapshot:
                Sender.Tell(Snapshot());
                break;
            case SaveSnapshotSuccess saved:
                // Only the newest snapshot is ever read.
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure failure:
                _log.Warning("EVSE {EvseId}: saving a history snapshot failed: {Reason}", _settings.EvseId, failure.Cause.Message);
                break;
            case DeleteSnapshotsSuccess:
                break;
            case DeleteSnapshotsFailure failure:
                _log.Warning("EVSE {EvseId}: deleting older history snapshots failed: {Reason}", _settings.EvseId, failure.Cause.Message);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>
    /// Persists <paramref name="events"/> as one atomic write, then folds them into the history, tells the
    /// event stream and saves a snapshot every <see cref="EvseActorSettings.SnapshotEvery"/> events.
    /// </summary>
    private void Record(IReadOnlyList<IEvseHistoryEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        _unstoredEvents += events.Count;
        var started = Stopwatch.GetTimestamp();
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            Applied(e);
            if (--remaining == 0)
            {
                _metrics?.JournalWritten(events.Count, Stopwatch.GetElapsedTime(started), _time.GetUtcNow());
            }
        });
    }

    private void Record(IEvseHistoryEvent historyEvent)
    {
        _unstoredEvents++;
        var started = Stopwatch.GetTimestamp();
        Persist(historyEvent, e =>
        {
            Applied(e);
            _metrics?.JournalWritten(1, Stopwatch.GetElapsedTime(started), _time.GetUtcNow());
        });
    }

    private void Applied(IEvseHistoryEvent historyEvent)
    {
        _unstoredEvents--;
        _history = _history.Apply(historyEvent);
        Context.System.EventStream.Publish(new EvseHistoryAppended(_settings.EvseId, LastSequenceNr, historyEvent));
        if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_history);
        }

        PublishStatusIfChanged();
        AcknowledgeStoredDeliveries();
    }

    private EvseSnapshot Snapshot() =>
        new(_settings.EvseId, LastSequenceNr, _history, _live, CurrentStatus(), new Dictionary<string, long>(_rejectionsByTopic, StringComparer.Ordinal))
        {
            DuplicatesIgnored = _duplicatesIgnored,
            Contradictions = _contradictions,
        };

    private void PublishStatusIfChanged()
    {
        var status = CurrentStatus();
        if (status == _publishedStatus)
        {
            return;
        }

        _publishedStatus = status;
        Context.System.EventStream.Publish(new EvseStatusChanged(status));
    }

    private EvseStatus CurrentStatus()
    {
        var hardware = _live.HardwareCapabilities;
        var maxCurrent = Min(_live.Limits?.MaxCurrent, hardware?.MaxCurrentAImport ?? _history.Hardware?.MaxCurrentA);
        var current = _live.Powermeter?.CurrentA;

        // The car's own facts count only while its session is open (ev_info of a DC car is in DC amperes).
        var ev = _history.Session is not null ? _live.EvInfo : null;
        var measured = current is null
            ? null
            : new PhaseCurrents(Round(current.L1), Round(current.L2), Round(current.L3));
        return new EvseStatus(
            _settings.EvseId,
            _live.Online,
            _history.Enabled,
            _live.SessionInfo?.State.Value,
            _history.Transaction is not null,
            _history.Transaction?.Phase,
            _live.PhasesAvailable ?? _live.Limits?.NrOfPhasesAvailable ?? hardware?.MaxPhaseCountImport ?? _history.Hardware?.MaxPhases,
            hardware?.MinCurrentAImport ?? _history.Hardware?.MinCurrentA,
            maxCurrent,
            measured,
            _settings.Priority,
            _history.Session?.StartedAt,
            _history.Reservation)
        {
            HardwareMaxCurrentA = hardware?.MaxCurrentAImport ?? _history.Hardware?.MaxCurrentA,
            EvMaxCurrentA = ev is not null && _live.DcMode is null ? Positive(ev.MaximumCurrentLimit) : null,
            DepartureAt = ev?.DepartureTime,

            // Rounded to 100 Wh so that a car reporting every few seconds does not publish a new status each time.
            EnergyNeededWh = ev?.RemainingEnergyNeeded is { } needed && double.IsFinite(needed) && needed >= 0 ? Math.Round(needed / 100) * 100 : null,

            EvseNumber = _live.Evse?.Id,

            // Only while a car is there (an operator's energy need counts down with it); rounded like the need above.
            ImportedWh = _history.Session is not null && SessionEventTranslator.ImportedWh(_live.Powermeter) is { } imported && double.IsFinite(imported) ? Math.Round(imported / 100) * 100 : null,
        };
    }

    /// <summary>A finite positive number, or null (what a car reports is not trusted to be either).</summary>
    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    private static double? Min(double? a, double? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

    // Measured current is rounded so that meter noise does not publish a new status every second.
    private static double Round(double? amperes) => Math.Round(amperes ?? 0, 1, MidpointRounding.AwayFromZero);
}
