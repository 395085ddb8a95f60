using System.Globalization;
using System.Text.Json.Nodes;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.GroundTruth;
using Everest.Site.Simulator.Site;
using Everest.Site.Testing.Contract;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Time.Testing;
using Wire = Everest.Site.EverestApi.Messages;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// Fifty simulated EVSEs through a real mosquitto for a simulated hour on a manual clock, against a test
/// controller that uses every operation of the five APIs. Checks that every message type of the specs flows
/// in its direction, that every message on the broker validates against the spec schemas, and that the
/// simulator's ground truth agrees with what went over the wire.
/// </summary>
public sealed class FiftyEvsesOverMosquittoAcceptanceTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private const int Step = 10;
    private static readonly string[] Apis = ["evse_manager_consumer", "system", "external_energy_limits_consumer", "ocpp_consumer", "session_cost"];

    [Fact]
    public async Task Fifty_EVSEs_for_a_simulated_hour_exercise_every_operation_and_every_message_validates()
    {
        var specs = EverestApiSpecs.Load();
        await using var broker = await StartMosquittoAsync();
        var time = new FakeTimeProvider(Start);
        await using var simulatorTransport = await ConnectAsync(broker, "simulator");
        await using var controllerTransport = await ConnectAsync(broker, "controller");
        await using var monitorTransport = await ConnectAsync(broker, "monitor");
        var monitor = new WireMonitor();
        monitorTransport.OnMessage(monitor.OnMessage);
        await monitorTransport.SubscribeAsync("everest_api/#", MqttQos.AtLeastOnce);

        var site = SimulatorOptions.ForEvses(50, seed: 42, dcEvery: 10, customize: Customize) with
        {
            PowermeterInterval = TimeSpan.FromSeconds(10),
            SessionInfoInterval = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            EvInfoInterval = TimeSpan.FromSeconds(60),
            ChargingSchedulesInterval = TimeSpan.FromMinutes(10),
            StaticInfoInterval = TimeSpan.FromMinutes(30),
        };
        var arrivals = new PoissonArrivalPlan(arrivalsPerHour: 90, Start.AddMinutes(1), seed: 7);
        await using var simulator = new SiteSimulator(site, simulatorTransport, time, arrivals);
        await using var controller = new AcceptanceController(controllerTransport, time);
        await simulator.StartAsync();
        await controller.StartAsync(site);

        // Ten-second steps: the simulator still integrates in one-second steps inside, and the controller's
        // communication checks (every 2 s) all reach it before it looks at the time again.
        var script = new Script(simulator, controller, monitor, time);
        for (var second = Step; second <= 3600; second += Step)
        {
            time.Advance(TimeSpan.FromSeconds(Step));

            // Virtual time must not run ahead of the broker: let what was published arrive before the next step.
            await monitor.WaitForCountAsync(Published(simulatorTransport) + Published(controllerTransport), $"the broker to deliver what was published up to second {second}");

            // The controller checks every instance at start and then every 2 s; all of them must have reached the
            // simulator before it looks at the time, or it would see a silence the controller never had.
            var checksSent = controller.CheckedInstances * (1L + (second / 2));
            await Eventually.HoldsAsync(() => ChecksReceived(simulator) >= checksSent, $"{checksSent} communication checks to reach the simulator by second {second}");
            await simulator.AdvanceAsync();
            await script.RunAsync(second);
        }

        // Everything published reaches the monitor before the checks.
        await Eventually.HoldsAsync(
            () => monitor.Count >= Published(simulatorTransport) + Published(controllerTransport),
            "the monitor to receive every published message",
            TimeSpan.FromSeconds(60));

        var (problems, flowed) = monitor.Validate(specs);
        Assert.True(problems.Count == 0, $"{problems.Count} messages do not match the specs, e.g.:\n{string.Join('\n', problems.Take(15))}");

        var expected = Apis.SelectMany(api => specs.Get(api).Operations.SelectMany(o =>
            o.HasReply ? new[] { $"{api}/{o.Direction}/{o.Name}", $"{api}/reply/{o.Name}" } : [$"{api}/{o.Direction}/{o.Name}"])).ToHashSet();
        var missing = expected.Except(flowed).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"These message types never flowed: {string.Join(", ", missing)}");

        var truth = simulator.GroundTruth;
        Assert.DoesNotContain(truth.Commands, c => c.Outcome is not (CommandOutcome.Replied or CommandOutcome.Applied));
        Assert.DoesNotContain(truth.CommunicationFaults, f => !f.AtStartup);
        Assert.All(truth.CommunicationFaults, f => Assert.NotNull(f.ClearedAt));
        Assert.All(truth.ReversedRequests.Where(r => r.ReplyTo is not null), r => Assert.NotNull(r.Reply));
        Assert.True(truth.Sessions.Count >= 60, $"only {truth.Sessions.Count} sessions started");
        Assert.True(truth.Sessions.Count(s => s.EnergyWh is not null) >= 10, $"only {truth.Sessions.Count(s => s.EnergyWh is not null)} transactions finished");
        Assert.Contains(truth.Sessions, s => s.ReservationId == Script.ReservationUsed);
        AssertWireEnergyMatchesGroundTruth(monitor, truth);
    }

    private static EvseSimulationOptions Customize(EvseSimulationOptions evse) => evse.EvseId switch
    {
        "DE*SIM*E0006*1" or "DE*SIM*E0006*2" => evse with { AuthorizationMode = AuthorizationMode.Controller },
        "DE*SIM*E0002*1" => evse with { WaitForExternalReady = true },
        _ => evse,
    };

    /// <summary>Energy per transaction from the session events on the wire equals the simulator's exact ground truth.</summary>
    private static void AssertWireEnergyMatchesGroundTruth(WireMonitor monitor, SimulationGroundTruth truth)
    {
        var meterStart = new Dictionary<string, double>(StringComparer.Ordinal);
        var wireEnergy = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var message in monitor.Messages.Where(m => m.Topic.EndsWith("/e2m/session_event", StringComparison.Ordinal)))
        {
            var sessionEvent = EverestJson.Decode<Wire.SessionEvent>(message.Payload.Span);
            if (sessionEvent.TransactionStarted is { } started)
            {
                meterStart[sessionEvent.Uuid] = started.MeterValue.EnergyWhImport.Total!.Value;
            }
            else if (sessionEvent.TransactionFinished is { } finished)
            {
                wireEnergy[sessionEvent.Uuid] = finished.MeterValue.EnergyWhImport.Total!.Value - meterStart[sessionEvent.Uuid];
            }
        }

        var finishedSessions = truth.Sessions.Where(s => s.EnergyWh is not null).ToList();
        Assert.Equal(finishedSessions.Count, wireEnergy.Count);
        Assert.All(finishedSessions, s => Assert.Equal(s.EnergyWh!.Value, wireEnergy[s.SessionUuid], precision: 6));
    }

    private static long ChecksReceived(SiteSimulator simulator) =>
        simulator.GroundTruth.ReceivedByOperation.Where(kv => kv.Key.EndsWith("/m2e/communication_check", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static long Published(IMqttTransport transport) => ((MqttNetTransport)transport).Statistics.MessagesPublished;

    private static async Task<MosquittoBroker> StartMosquittoAsync()
    {
        try
        {
            return await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = false, ExtraConfigLines = ["set_tcp_nodelay true"] });
        }
        catch (MosquittoNotInstalledException exception)
        {
            Assert.Fail($"This test needs a real mosquitto: install Debian package mosquitto. ({exception.Message})");
            throw;
        }
    }

    private static async Task<IMqttTransport> ConnectAsync(MosquittoBroker broker, string clientId)
    {
        var transport = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = clientId, CleanSession = true });
        await transport.ConnectAsync();
        return transport;
    }

    /// <summary>What the test controller does, second by second, to use every operation at least once.</summary>
    private sealed class Script(SiteSimulator simulator, AcceptanceController controller, WireMonitor monitor, FakeTimeProvider time)
    {
        public const int ReservationUsed = 101;
        private const int ReservationCancelled = 102;
        private static readonly Wire.ProvidedIdToken AppToken = new(new Wire.IdToken("APP-0042", Wire.IdTokenType.FromWire("Central")), Wire.AuthorizationType.FromWire("OCPP"));
        private readonly List<string> _pausedBySite = [];

        private DateTimeOffset Now => time.GetUtcNow();

        public async Task RunAsync(int second)
        {
            while (monitor.AuthRequiredModules.TryDequeue(out var module))
            {
                if (module.StartsWith("evse_api_cp6_", StringComparison.Ordinal))
                {
                    await controller.Evse(module).AuthorizeResponseAsync(new Wire.AuthorizeResponseArgs(AppToken, new Wire.ValidationResult(Wire.AuthorizationStatus.FromWire("Accepted"))));
                }
            }

            switch (second)
            {
                case 10:
                    var evses = await Task.WhenAll(simulator.Evses.Select(e => controller.Evse(e.ModuleId).GetEvseAsync()));
                    Assert.Equal(simulator.Evses.Select(e => e.Options.Hardware.EvseNumber), evses.Select(e => e.Id));

                    break;
                case 20:
                    Assert.False(await controller.Evse("evse_api_cp1_1").EnableDisableAsync(Source(0, "LocalAPI", "Disable", 100)));
                    Assert.True(await controller.Evse("evse_api_cp1_1").EnableDisableAsync(Source(0, "LocalAPI", "Enable", 100)));
                    Assert.False(await controller.Evse("evse_api_cp1_2").EnableDisableAsync(Source(0, "CSMS", "Disable", 5000)));
                    Assert.True(await controller.Evse("evse_api_cp1_2").EnableDisableAsync(Source(0, "CSMS", "Unassigned", 5000)));
                    break;
                case 30:
                    Assert.True(await controller.Evse("evse_api_cp25_1").ReserveAsync(ReservationUsed));
                    Assert.False(await controller.Evse("evse_api_cp25_1").ReserveAsync(ReservationCancelled));
                    Assert.True(await controller.Evse("evse_api_cp25_2").ReserveAsync(ReservationCancelled));
                    await simulator.ScheduleArrivalAsync(new PlannedSession(Now.AddMinutes(2), Now.AddMinutes(50), 12_000, 32, 3) { ReservationId = ReservationUsed });
                    break;
                case 40:
                    Assert.True(await controller.Evse("evse_api_cp2_1").ExternalReadyToStartChargingAsync());
                    Assert.False(await controller.Evse("evse_api_cp2_2").ExternalReadyToStartChargingAsync());
                    break;
                case 50:
                    await controller.Evse("evse_api_cp3_1").RandomDelaySetDurationAsync(60);
                    await controller.Evse("evse_api_cp3_1").RandomDelayEnableAsync();
                    await Arrive("evse_api_cp3_1", minutes: 40);
                    await Arrive("evse_api_cp5_2", minutes: 45);
                    await Arrive("evse_api_cp6_1", minutes: 50);
                    await Arrive("evse_api_cp6_2", minutes: 55);
                    break;
                case 60:
                    await controller.Ocpp("ocpp_api_cp1").MonitorVariablesAsync(new Wire.MonitorVariableRequestList([Variable("OCPPCommCtrlr", "HeartbeatInterval")]));
                    var values = await controller.Ocpp("ocpp_api_cp1").GetVariablesAsync(new Wire.GetVariableRequestList([new Wire.GetVariableRequest(Variable("OCPPCommCtrlr", "HeartbeatInterval"))]));
                    Assert.Equal("60", Assert.Single(values.Items).Value);
                    await controller.Ocpp("ocpp_api_cp1").SetVariablesAsync(new Wire.SetVariablesArgs(new Wire.SetVariableRequestList([new Wire.SetVariableRequest(Variable("OCPPCommCtrlr", "HeartbeatInterval"), "120")]), "site-controller"));
                    Assert.Equal("Accepted", (await controller.Ocpp("ocpp_api_cp1").DataTransferOutgoingAsync(new Wire.DataTransferRequest("everest-site", "ping", "{}"))).Status.Value);
                    break;
                case 70:
                    await controller.SessionCost("session_cost_api_cp1").TariffMessageAsync(new Wire.TariffMessage([new Wire.MessageContent("0.39 EUR/kWh")]));
                    await controller.SessionCost("session_cost_api_cp1").SessionCostAsync(new Wire.SessionCost("no-session", new Wire.Currency(Wire.CurrencyCode.FromWire("EUR"), 2), Wire.SessionStatus.FromWire("Idle")));
                    break;
                case 80:
                    await controller.Evse("evse_api_cp4_1").AuthorizeResponseAsync(new Wire.AuthorizeResponseArgs(AppToken, new Wire.ValidationResult(Wire.AuthorizationStatus.FromWire("Accepted"))));
                    break;
                case 90:
                    await controller.Evse("evse_api_cp4_1").WithdrawAuthorizationAsync();
                    break;
                case 120:
                    await controller.Evse("evse_api_cp25_2").CancelReservationAsync();
                    await controller.Evse("evse_api_cp3_1").RandomDelayCancelAsync();
                    break;
                case 140:
                    await controller.Evse("evse_api_cp3_1").RandomDelayDisableAsync();
                    break;
                case 600:
                    var charging = monitor.ModulesIn("Charging");
                    var paused = await Task.WhenAll(charging.Select(module => controller.Evse(module).PauseChargingAsync()));
                    _pausedBySite.AddRange(charging.Where((_, i) => paused[i]));

                    Assert.NotEmpty(_pausedBySite);
                    break;
                case 900:
                    Assert.All(await Task.WhenAll(_pausedBySite.Select(module => controller.Evse(module).ResumeChargingAsync())), Assert.True);

                    break;
                case 1000:
                    await Task.WhenAll(simulator.Evses.Select(e => controller.Limits(e.Options.EnergyLimitsModuleId!).SetExternalLimitsAsync(Limits((Now, 16), (Now.AddMinutes(10), 10)))));

                    break;
                case 1500:
                    foreach (var evse in simulator.Evses.Take(10))
                    {
                        await controller.Limits(evse.Options.EnergyLimitsModuleId!).SetExternalLimitsAsync(Limits((Now, 4)));
                    }

                    break;
                case 1600:
                    foreach (var evse in simulator.Evses.Take(10))
                    {
                        await controller.Limits(evse.Options.EnergyLimitsModuleId!).SetExternalLimitsAsync(Limits((Now, 20)));
                    }

                    break;
                case 2000:
                    var stillCharging = monitor.ModulesIn("Charging");
                    Assert.NotEmpty(stillCharging);
                    Assert.True(await controller.Evse(stillCharging[0]).StopTransactionAsync(new Wire.StopTransactionRequest(Wire.StopTransactionReason.FromWire("Remote"))));
                    Assert.True(await controller.Evse(stillCharging[0]).ForceUnlockAsync(1));
                    break;
                case 2100:
                    await TalkToSystemAsync();
                    break;
                default:
                    break;
            }
        }

        private async Task TalkToSystemAsync()
        {
            var firmware = await simulator.RequestUpdateFirmwareAsync("cp-1", new Wire.FirmwareUpdateRequest(7, "https://firmware.example/cp.bin"));
            Assert.Equal("Accepted", firmware.Value.Value);
            var system = controller.System("system_api_cp1");
            foreach (var state in new[] { "Downloading", "Downloaded", "Installing", "Installed" })
            {
                await system.FirmwareUpdateStatusAsync(new Wire.FirmwareUpdateStatus(Wire.FirmwareUpdateState.FromWire(state), 7));
            }

            var logs = await simulator.RequestUploadLogsAsync("cp-1", new Wire.UploadLogsRequest("https://logs.example/upload", RequestId: 8));
            Assert.Equal("site.log", logs.Value!.FileName);
            await system.LogStatusAsync(new Wire.LogStatus(Wire.LogUploadState.FromWire("Uploading"), 8));
            await system.LogStatusAsync(new Wire.LogStatus(Wire.LogUploadState.FromWire("Uploaded"), 8));

            Assert.False((await simulator.AskIsResetAllowedAsync("cp-1", Wire.ResetType.FromWire("Soft"))).Value);
            Assert.True((await simulator.RequestSetSystemTimeAsync("cp-1", Now)).Value);
            Assert.Equal("PowerUp", (await simulator.AskBootReasonAsync("cp-1")).Value.Value);
            await simulator.NotifyAllowFirmwareInstallationAsync("cp-1");
            await simulator.NotifyResetAsync("cp-1", new Wire.ResetRequest(Wire.ResetType.FromWire("Soft"), Scheduled: false));
            Assert.Equal("Accepted", (await simulator.RequestDataTransferAsync("cp-1", new Wire.DataTransferRequest("everest-site", "hello"))).Value!.Status.Value);
        }

        private Task Arrive(string module, int minutes) =>
            simulator.ScheduleArrivalAsync(new PlannedSession(Now.AddSeconds(5), Now.AddMinutes(minutes), 15_000, 32, 3) { EvseModuleId = module });

        private static Wire.EnableDisableRequest Source(int connector, string source, string state, int priority) =>
            new(connector, new Wire.EnableDisableSource(Wire.EnableSource.FromWire(source), Wire.EnableState.FromWire(state), priority));

        private static Wire.ComponentVariable Variable(string component, string variable) => new(new Wire.OcppComponent(component), new Wire.OcppVariable(variable));

        private static Wire.ExternalLimits Limits(params (DateTimeOffset At, double Amperes)[] entries) => new(
            [.. entries.Select(e => new Wire.ScheduleReqEntry(
                e.At,
                new Wire.LimitsReq(AcMaxCurrentA: new Wire.NumberWithSource(e.Amperes, "site")),
                new Wire.LimitsReq()))],
            [],
            []);
    }
}
