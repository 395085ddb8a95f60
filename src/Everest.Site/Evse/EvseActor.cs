using Everest.Site.Actors;
using Everest.Site.Actors.Persistence;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Evse;

/// <summary>
/// The single source of truth about one EVSE: its live state from every <c>e2m</c> topic of its
/// evse_manager_consumer instance, and its persisted history (sessions, transactions, pauses with who caused
/// them, reservations, availability, online/offline, decimated meter samples). Executes commands through the
/// EVerest API client without ever blocking (results come back as messages). Partial by concern:
/// <c>.Telemetry</c> (publications), <c>.Heartbeat</c>, <c>.Commands</c>, <c>.Rejections</c>, <c>.Reconciliation</c>, <c>.Csms</c>.
/// </summary>
public sealed partial class EvseActor : PersistentActor
{
    /// <summary>Tag on every event of every EVSE history.</summary>
    public const string EvseTag = "evse";

    /// <summary>Tag on the events a charge detail record is built from.</summary>
    public const string BillingTag = "billing";

    private static readonly IReadOnlyList<string> EvseOnly = [EvseTag];
    private static readonly IReadOnlyList<string> EvseAndBilling = [EvseTag, BillingTag];

    private readonly EvseActorSettings _settings;
    private readonly EvseManagerClient _evseManager;
    private readonly ExternalEnergyLimitsClient? _energyLimits;

    /// <summary>The fold of the persisted history; changed only in persist handlers and recovery.</summary>
    private EvseHistoryState _history = EvseHistoryState.Initial;

    /// <summary>What EVerest reports now; never persisted.</summary>
    private EvseLiveState _live = EvseLiveState.Initial;

    /// <summary>The status last published, so that an unchanged one is not published again.</summary>
    private EvseStatus? _publishedStatus;

    public EvseActor(EvseActorSettings settings, EverestApiClient client)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        _settings = settings;
        _evseManager = new EvseManagerClient(client, settings.ModuleId);
        _energyLimits = settings.EnergyLimitsModuleId is { } limitsModule ? new ExternalEnergyLimitsClient(client, limitsModule) : null;
    }

    public override string PersistenceId => EvseActorSettings.PersistenceIdOf(_settings.EvseId);

    /// <summary>Which tags an event is stored with: <c>evse</c> always, <c>billing</c> where a CDR needs it.</summary>
    public static IReadOnlyList<string> TagsOf(object @event) => @event switch
    {
        SessionStarted or Authorized or Deauthorized or TransactionStarted or ChargingStarted or ChargingPaused
            or ChargingResumed or TransactionFinished or SessionFinished or MeterSampled or CsmsTransactionIdAssigned => EvseAndBilling,
        _ => EvseOnly,
    };

    protected override IReadOnlyList<string> TagsFor(object @event) => TagsOf(@event);

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
                LogRecovered(Log, _settings.EvseId, LastSequenceNr, _history.Session?.Uuid, _history.Transaction?.SessionUuid);
                StartHeartbeatSilenceTimer();
                PrepareReconciliation();
                PublishStatusIfChanged();
                break;
        }
    }

    protected override void OnCommand(object message)
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
                OnOcppTransactionEvent(ocpp.Event);
                break;
            case HeartbeatSilence:
                OnHeartbeatSilence();
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
                LogGetEvseFailed(Log, _settings.EvseId, failed.Cause.Message);
                break;
            case GetEvseSnapshot:
                Sender.Tell(Snapshot());
                break;
            case SaveSnapshotSuccess:
                break;
            case SaveSnapshotFailure failure:
                LogSnapshotFailed(Log, _settings.EvseId, failure.Cause.Message);
                break;
            default:
                Unhandled(message);
                break;
        }

        PublishStatusIfChanged();
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

        PersistAll(events, Applied);
    }

    private void Record(IEvseHistoryEvent historyEvent) => Persist(historyEvent, Applied);

    private void Applied(IEvseHistoryEvent historyEvent)
    {
        _history = _history.Apply(historyEvent);
        Context.System.EventStream.Publish(new EvseHistoryAppended(_settings.EvseId, LastSequenceNr, historyEvent));
        if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshot(_history);
        }

        PublishStatusIfChanged();
    }

    private EvseSnapshot Snapshot() =>
        new(_settings.EvseId, LastSequenceNr, _history, _live, CurrentStatus(), new Dictionary<string, long>(_rejectionsByTopic, StringComparer.Ordinal));

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
            _history.Reservation);
    }

    private static double? Min(double? a, double? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

    // Measured current is rounded so that meter noise does not publish a new status every second.
    private static double Round(double? amperes) => Math.Round(amperes ?? 0, 1, MidpointRounding.AwayFromZero);

    [LoggerMessage(Level = LogLevel.Information, Message = "EVSE {EvseId} recovered up to event {SequenceNr} (open session {SessionUuid}, open transaction {TransactionSessionUuid})")]
    private static partial void LogRecovered(ILogger logger, string evseId, long sequenceNr, string? sessionUuid, string? transactionSessionUuid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EVSE {EvseId}: get_evse failed: {Reason}")]
    private static partial void LogGetEvseFailed(ILogger logger, string evseId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EVSE {EvseId}: saving a history snapshot failed: {Reason}")]
    private static partial void LogSnapshotFailed(ILogger logger, string evseId, string reason);
}
