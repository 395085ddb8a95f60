using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Everest.Site.Configuration;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Firmware;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Scenarios.Site;
using Everest.Site.Site;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ApiOptions = Everest.Site.EverestApi.EverestApiOptions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// A site on virtual time with its firmware side: the simulator plays EVerest (and asks update_firmware through the
/// system API), the production EVSE fleet, site actor, <see cref="FirmwareRolloutActor"/> with its system actors,
/// request handlers and router run as the host wires them; a real HTTP server serves the images; every
/// <c>firmware_update_status</c> on the broker is recorded per request id.
/// </summary>
public abstract class FirmwareScenario : SiteScenario, IAsyncLifetime
{
    private readonly InMemoryMqttTransport _observer;
    private readonly List<IDisposable> _subscriptions = [];
    private EverestRequestResponder? _responder;
    private SystemMessageRouter? _systemRouter;

    protected FirmwareScenario(ITestOutputHelper output)
        : base(output)
    {
        _observer = Broker.CreateClient("observer");
        Folder = Directory.CreateTempSubdirectory("firmware-scenario-").FullName;
        Http = new HttpClient(HttpInFlight);
        Downloads = new CountingDownloader(Http);
    }

    protected FirmwareServer Server { get; private set; } = null!;

    protected TestCertificates Certificates { get; } = new();

    protected TestInstaller Installer { get; } = new();

    /// <summary>The controller's HTTP exchanges (downloads, uploads) in flight: <see cref="StepFirmwareAsync"/> waits for them.</summary>
    protected InFlightHttp HttpInFlight { get; } = new();

    /// <summary>The controller's HTTP client (downloads and uploads).</summary>
    protected HttpClient Http { get; }

    /// <summary>The controller's downloader, counting the downloads under way: <see cref="StepFirmwareAsync"/> waits for them.</summary>
    protected CountingDownloader Downloads { get; }

    protected string Folder { get; }

    protected IActorRef Firmware { get; private set; } = ActorRefs.Nobody;

    protected FirmwareSettings FirmwareSettings { get; private set; } = null!;

    protected IReadOnlyList<SystemChargerPlan> Chargers { get; private set; } = [];

    /// <summary>Every firmware_update_status published, per request id, in order.</summary>
    protected ConcurrentDictionary<int, ConcurrentQueue<string>> Statuses { get; } = new();

    /// <summary>Every log_status published, in order.</summary>
    protected ConcurrentQueue<string> LogStatuses { get; } = new();

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server = await FirmwareServer.StartAsync();
        await _observer.ConnectAsync();
        _subscriptions.Add(_observer.OnMessage(OnObserved));
        await _observer.SubscribeAsync("everest_api/1/system/+/m2e/+");
    }

    public new async Task DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _systemRouter?.Dispose();
        if (_responder is not null)
        {
            await _responder.DisposeAsync();
        }

        await _observer.DisposeAsync();
        await Server.DisposeAsync();
        Http.Dispose();
        Certificates.Dispose();
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Starts the site of <paramref name="evses"/> EVSEs (two per charger) and its firmware side with <paramref name="customize"/>d settings.</summary>
    /// <param name="simulator">Changes to the simulator's options (e.g. how long a charger reboots).</param>
    protected async Task StartFirmwareSiteAsync(int evses, Func<FirmwareSettings, FirmwareSettings>? customize = null, Func<Simulator.Site.SimulatorOptions, Simulator.Site.SimulatorOptions>? simulator = null)
    {
        var options = SiteOptions(evses, gridA: 200);
        await StartSiteAsync(options, simulator: simulator);
        Chargers = SystemChargerPlan.From(options);
        var settings = new FirmwareSettings
        {
            Folder = Path.Combine(Folder, "images"),
            TrustedCa = Certificates.Ca,
            Limits = new RolloutLimits(1, 0, Canary: true),
            BackWithin = TimeSpan.FromMinutes(10),
            DownloadRetries = 0,
            DownloadRetryInterval = TimeSpan.FromSeconds(30),
        };
        FirmwareSettings = customize is null ? settings : customize(settings);
        StartFirmwareActor();
        // The reply deadline runs on the scenario's one clock, like everything the stories drive: on the wall clock a
        // test box running many actor systems at once can stall an answer past it (the story of a rebooted charger
        // asking get_boot_reason once failed on such a box without a FirmwareUpdate answer), which says nothing about the product.
        _responder = new EverestRequestResponder(ControllerTransport, new ApiOptions { ReplyDeadline = TimeSpan.FromMilliseconds(900) }, Time.Provider, NullLogger<EverestRequestResponder>.Instance);
        var current = new RoutedToCurrentFirmware(this).Ref;
        SystemRequestHandlers.Register(_responder, current, Chargers);
        foreach (var charger in Chargers)
        {
            await _responder.AddInstanceAsync(EverestApiType.System, charger.SystemModuleId);
        }

        _systemRouter = new SystemMessageRouter(ControllerTransport, current, Chargers, NullLogger<SystemMessageRouter>.Instance);
        await _systemRouter.StartAsync();
        await StepFirmwareAsync();
    }

    /// <summary>Starts (or, after <see cref="CrashFirmwareAsync"/>, restarts) the rollout and the system actors.</summary>
    protected void StartFirmwareActor() =>
        Firmware = Sys.ActorOf(
            FirmwareRolloutActor.Props(Chargers, FirmwareSettings, new SystemServices(Fleet, Client, Downloads, Installer, new LogUploader(Http, Time.Provider), Time.Provider)),
            "firmware");

    /// <summary>The firmware side dies (as in a controller crash): the rollout and every system actor stop at once.</summary>
    protected async Task CrashFirmwareAsync()
    {
        var watcher = CreateTestProbe();
        await watcher.WatchAsync(Firmware);
        Sys.Stop(Firmware);
        await watcher.ExpectTerminatedAsync(Firmware);
        Firmware = ActorRefs.Nobody;
    }

    /// <summary>
    /// A step of the site, then a round trip through the rollout (so its children's reports arrived). Virtual time
    /// moves only while no download or upload is in flight: those are real I/O on the wall clock, and a story racing
    /// them against virtual time would fail on a busy box (a download taking longer than the story's budget of steps).
    /// </summary>
    protected async Task<FirmwareOverview> StepFirmwareAsync()
    {
        await WaitUntilAsync(() => Downloads.Running == 0 && HttpInFlight.Count == 0 && Server.Busy == 0, "no firmware download or log upload is in flight");
        await StepAsync();

        // Each system actor has handled what this step's timers told it (e.g. started a download), so the next step
        // sees the I/O it began.
        await Task.WhenAll(Chargers.Select(c => Sys.ActorSelection(Firmware.Path / c.PersistenceId).Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(15))));
        return await Firmware.Ask<FirmwareOverview>(GetFirmwareOverview.Instance, TimeSpan.FromSeconds(15));
    }

    /// <summary>Steps until <paramref name="condition"/> holds for the overview, at most <paramref name="within"/> of virtual time.</summary>
    protected async Task<FirmwareOverview> RunFirmwareUntilAsync(Func<FirmwareOverview, bool> condition, TimeSpan within, string description)
    {
        var deadline = Time.GetUtcNow() + within;
        while (true)
        {
            var overview = await StepFirmwareAsync();
            if (condition(overview))
            {
                return overview;
            }

            Assert.True(Time.GetUtcNow() < deadline, $"Within {within} of virtual time, never: {description}. Last: {Describe(overview)}");

            // Real I/O (the HTTP server, the file system) runs on the wall clock: give it a moment between steps.
            await Task.Yield();
        }
    }

    /// <summary>
    /// Waits on the wall clock (virtual time stands still) until <paramref name="condition"/> holds: for what only real
    /// I/O brings about (an HTTP upload, a journal read), which virtual time cannot hurry.
    /// </summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string description)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(patience.IsCancellationRequested, $"Within 30 s, never: {description}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>A probe that receives every warning the actor system logs from now on (security events are warnings).</summary>
    protected TestProbe WatchWarnings()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(Warning));
        return probe;
    }

    /// <summary>Waits until <paramref name="warnings"/> got a security event containing <paramref name="text"/>.</summary>
    protected static async Task ExpectSecurityEventAsync(TestProbe warnings, string text) =>
        await warnings.FishForMessageAsync<Warning>(
            w => w.Message?.ToString() is { } message && message.StartsWith("Security event", StringComparison.Ordinal) && message.Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            $"a security event with '{text}'");

    /// <summary>The simulated EVerest sends update_firmware for <paramref name="chargerId"/> and returns the controller's answer.</summary>
    protected async Task<UpdateFirmwareResponse> RequestUpdateAsync(string chargerId, FirmwareUpdateRequest request)
    {
        // Answered without virtual time passing (as EVerest expects, within a second of wall time).
        var answered = await Simulator.RequestUpdateFirmwareAsync(chargerId, request).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(answered.Answered, $"update_firmware {request.RequestId} for {chargerId} was answered");
        return answered.Value;
    }

    /// <summary>The three chargers (two EVSEs each) of the six-EVSE site the rollout stories run on.</summary>
    protected static readonly string[] ThreeChargers = ["cp-1", "cp-2", "cp-3"];

    /// <summary>
    /// Each of <see cref="ThreeChargers"/> in turn asks for its own image <c>{prefix}-{i}.bin</c> signed by
    /// <paramref name="signer"/>, as request <c>firstRequestId + i</c>, and the controller accepts every one.
    /// </summary>
    protected async Task RequestAnUpdateOnEachChargerAsync(int firstRequestId, string prefix, TestCertificates.Signer signer)
    {
        for (var i = 0; i < ThreeChargers.Length; i++)
        {
            Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync(ThreeChargers[i], SignedRequest(firstRequestId + i, $"{prefix}-{i}.bin", signer)));
        }
    }

    /// <summary>The status updates of the request <see cref="RequestAnUpdateOnEachChargerAsync"/> made for <paramref name="chargerId"/>.</summary>
    protected IReadOnlyList<string> StatusesOfCharger(int firstRequestId, string chargerId) => StatusesOf(firstRequestId + Array.IndexOf(ThreeChargers, chargerId));

    /// <summary>An image served at <c>/fw/{name}</c>, with a request for it signed by <paramref name="signer"/>.</summary>
    protected FirmwareUpdateRequest SignedRequest(int requestId, string name, TestCertificates.Signer signer, byte[]? image = null, int? retries = null, int? retryIntervalS = null)
    {
        image ??= Encoding.UTF8.GetBytes($"firmware image {name} " + new string('x', 4096));
        Server.Images[name] = image;
        return new FirmwareUpdateRequest(requestId, Server.ImageUrl(name), retries, retryIntervalS, SigningCertificate: signer.Pem, Signature: signer.SignatureOf(image));
    }

    protected IReadOnlyList<string> StatusesOf(int requestId) => Statuses.TryGetValue(requestId, out var statuses) ? [.. statuses] : [];

    protected static ChargerFirmwareStep ChargerStep(FirmwareOverview overview, string chargerId) => overview.Chargers.Single(c => c.ChargerId == chargerId);

    protected async Task<EvseStatus> EvseStatusAsync(string evseId) =>
        (await Fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), TimeSpan.FromSeconds(15))).Status;

    /// <summary>Whether the simulated EvseManager has the EVSE enabled now (its enable/disable table decides).</summary>
    protected Task<bool> SimulatedEnabledAsync(string evseId) =>
        Simulator.InspectAsync(s => s.Evses.Single(e => e.Options.Id == evseId).Simulation.IsEnabled);

    protected static string Describe(FirmwareOverview overview) =>
        string.Join("; ", overview.Chargers.Select(c => $"{c.ChargerId}: {c.Step} ({c.Detail})"))
        + (overview.Rollout is { } r ? $"; rollout {r.Id} canary {r.Canary} back {r.CanaryBack} installing [{string.Join(",", r.Installing)}] waiting [{string.Join(",", r.Waiting)}] done [{string.Join(",", r.Done)}] halted {r.Halted}" : "");

    private void OnObserved(MqttMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Payload.Span);
        if (message.Topic.EndsWith("/m2e/firmware_update_status", StringComparison.Ordinal))
        {
            var status = EverestJson_Decode<FirmwareUpdateStatus>(text);
            Statuses.GetOrAdd(status.RequestId, _ => new ConcurrentQueue<string>()).Enqueue(status.State.Value);
        }
        else if (message.Topic.EndsWith("/m2e/log_status", StringComparison.Ordinal))
        {
            LogStatuses.Enqueue(EverestJson_Decode<LogStatus>(text).State.Value);
        }
    }

    private static T EverestJson_Decode<T>(string text) => Everest.Site.EverestApi.Json.EverestJson.Decode<T>(Encoding.UTF8.GetBytes(text));

    /// <summary>Forwards to whichever rollout actor runs now, so the handlers survive a simulated crash and restart.</summary>
    private sealed class RoutedToCurrentFirmware(FirmwareScenario scenario)
    {
        private IActorRef? _ref;

        public IActorRef Ref => _ref ??= scenario.Sys.ActorOf(Props.Create(() => new Forwarder(scenario)));

        private sealed class Forwarder(FirmwareScenario scenario) : UntypedActor
        {
            protected override void OnReceive(object message) => scenario.Firmware.Forward(message);
        }
    }
}
