using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Firmware;

/// <summary>
/// The system side of one charger (<c>system-{charger}</c>, persistent): answers EVerest's system API requests and
/// runs the charger's firmware update — download with retries, signature check, a place in the site's rollout from
/// its parent <see cref="FirmwareRolloutActor"/>, the charger's EVSEs taken out of service (idle ones at once, busy
/// ones once their transaction ended), installation, and the EVSEs given back. Every status it reports and every
/// disable it may have left in force is in its journal, so after a restart it finishes the update or rolls it back,
/// and never leaves an EVSE disabled by an update that no longer runs.
/// </summary>
public sealed partial class SystemActor : ReceivePersistentActor, IWithTimers
{
    private const string RetrieveTimer = "firmware.retrieve";
    private const string RetryTimer = "firmware.retry";
    private const string InstallTimer = "firmware.install";
    private const string EvseRetryTimer = "firmware.evses";
    private const string StopTransactionsTimer = "firmware.stop-transactions";
    private const string BackTimer = "firmware.back";

    /// <summary>After a restart, a rebooting charger gets at least this long to come back (see <c>back-within</c>).</summary>
    private static readonly TimeSpan BackGraceAfterRestart = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait before trying again to disable or release an EVSE that refused or was offline.</summary>
    private static readonly TimeSpan EvseRetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long an EVSE command may take through the fleet (EVerest's request timeout plus margin).</summary>
    private static readonly TimeSpan EvseCommandTimeout = TimeSpan.FromSeconds(15);

    private readonly SystemChargerPlan _charger;
    private readonly FirmwareSettings _settings;
    private readonly IActorRef _fleet;
    private readonly SystemClient _client;
    private readonly IFirmwareDownloader _downloader;
    private readonly IFirmwareInstaller _installer;
    private readonly LogUploader _uploader;
    private readonly FirmwareTrust _trust;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Each EVSE's latest status (from the fleet's <see cref="EvseStatusChanged"/>).</summary>
    private readonly Dictionary<string, EvseStatus> _evses = new(StringComparer.Ordinal);

    private FirmwareJob? _job;
    private BootReason _bootReason = BootReason.PowerUp;
    private bool _bootReasonRecorded;

    public SystemActor(SystemChargerPlan charger, FirmwareSettings settings, SystemServices services)
    {
        _charger = charger;
        _settings = settings;
        _fleet = services.Fleet;
        _client = new SystemClient(services.Client, charger.SystemModuleId);
        _downloader = services.Downloader;
        _installer = services.Installer;
        _uploader = services.Uploader;
        _time = services.Time;
        _trust = new FirmwareTrust(settings);

        Recover<ISystemEvent>(Apply);
        Command<UpdateFirmware>(OnUpdateFirmware);
        Command<AllowFirmwareInstallation>(_ => OnAllowInstallation());
        Command<SystemHeartbeat>(heartbeat => OnHeartbeat(heartbeat.Counter));
        Command<EvseStatusChanged>(changed => OnEvseStatus(changed.Status));
        Command<EvseSnapshot>(snapshot => OnEvseStatus(snapshot.Status));
        Command<FirmwareTimer>(OnTimer);
        Command<DownloadFinished>(OnDownloadFinished);
        Command<SignatureChecked>(OnSignatureChecked);
        Command<InstallFinished>(OnInstallFinished);
        Command<InstallVerified>(OnInstallVerified);
        Command<EvseAvailabilitySet>(OnEvseAvailabilitySet);
        Command<TransactionStopSent>(OnTransactionStopSent);
        Command<InstallSlotGranted>(OnSlotGranted);
        Command<InstallSlotQueued>(OnSlotQueued);
        Command<RolloutHalted>(OnRolloutHalted);
        Command<IsResetAllowed>(OnIsResetAllowed);
        Command<ResetCharger>(OnReset);
        Command<SetSystemTime>(OnSetSystemTime);
        Command<SystemCommandFinished>(OnSystemCommandFinished);
        Command<GetBootReason>(_ =>
        {
            Sender.Tell(_bootReason);
            OnEverestStarted("EVerest asked for its boot reason");
        });
        Command<UploadLogs>(OnUploadLogs);
        Command<LogUploadFinished>(OnLogUploadFinished);
        Command<Akka.Done>(_ => { });
        Command<Status.Failure>(failure => _log.Warning("Charger {0}: {1}", _charger.ChargerId, failure.Cause.Message));
    }

    public override string PersistenceId => _charger.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SystemChargerPlan charger, FirmwareSettings settings, SystemServices services)
    {
        ArgumentNullException.ThrowIfNull(charger);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        return Akka.Actor.Props.Create(() => new SystemActor(charger, settings, services));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EvseStatusChanged));
        foreach (var evseId in _charger.EvseIds)
        {
            _fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), EvseCommandTimeout).PipeTo(Self);
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
        Self.Tell(FirmwareTimer.Recovered);
    }

    private void Apply(ISystemEvent e)
    {
        switch (e)
        {
            case FirmwareUpdateAccepted accepted:
                _job = FirmwareJob.Accepted(accepted);
                break;
            case BootReasonRecorded boot:
                _bootReason = BootReason.FromWire(boot.Reason);
                _bootReasonRecorded = true;
                break;
            default:
                _job = _job?.Apply(e);
                break;
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Tells the rollout where this charger stands.</summary>
    private void PublishStep()
    {
        var step = _job is null
            ? new ChargerFirmwareStep(_charger.ChargerId, null, FirmwareStep.Idle, null, null, _bootReason.Value)
            : new ChargerFirmwareStep(_charger.ChargerId, _job.RequestId, _job.Step, _job.Detail, _job.Since, _bootReason.Value);
        Context.Parent.Tell(new ChargerStepChanged(step));
    }

    private void RecordBootReason(BootReason reason, Action? then = null) =>
        Persist(new BootReasonRecorded(reason.Value, Now), e =>
        {
            Apply(e);
            PublishStep();
            then?.Invoke();
        });

    // Messages the actor sends itself.
    private sealed record FirmwareTimer(string Name)
    {
        public static FirmwareTimer Recovered { get; } = new("recovered");
    }

    private sealed record DownloadFinished(int RequestId, DownloadOutcome Outcome);

    private sealed record SignatureChecked(int RequestId, bool Valid, string? Reason);

    private sealed record InstallFinished(int RequestId, InstallOutcome Outcome);

    private sealed record InstallVerified(int RequestId, InstallOutcome Outcome);

    private sealed record EvseAvailabilitySet(string EvseId, bool Disabled, bool Succeeded, string? Reason);

    private sealed record TransactionStopSent(string EvseId, bool Succeeded, string? Reason);

    private sealed record SystemCommandFinished(string What, int? ExitCode, string? Failure);

    private sealed record LogUploadFinished(int Generation, int RequestId, LogUploadState State, string? Reason);
}
