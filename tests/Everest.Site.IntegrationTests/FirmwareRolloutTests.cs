using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using SimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.IntegrationTests;

/// <summary>
/// A firmware rollout over three simulated chargers end to end: the controller as a real process against a real
/// mosquitto, the simulator playing EVerest (and the CSMS's update_firmware), the image from the local firmware folder.
/// </summary>
public sealed class FirmwareRolloutTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ControllerStartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_chargers_are_updated_one_at_a_time_canary_first_by_the_controller_process()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-firmware-").FullName;
        try
        {
            await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
            var site = SimulatorOptions.ForEvses(6, seed: 3, dcEvery: 0) with { CommunicationCheckTimeout = TimeSpan.FromMinutes(5) };
            var images = Directory.CreateDirectory(Path.Combine(folder, "images")).FullName;
            var image = Path.Combine(images, "v2.bin");
            await File.WriteAllBytesAsync(image, new byte[64 * 1024]);
            var config = SiteConfigFile.Write(folder, site, broker.Host, broker.Port, "everest-site-firmware-test", $"provider = sqlite, sqlite.path = \"{Path.Combine(folder, "data", "site.db")}\"");
            await File.AppendAllTextAsync(config, $"everest-site.firmware {{ local-folder = \"{images}\", folder = \"{Path.Combine(folder, "firmware")}\", max-concurrent-chargers = 1, canary = true }}\n");

            await using var controller = await ControllerProcess.StartAsync(config, folder, 6, ControllerStartTimeout);
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new XunitLoggerProvider(output, LogLevel.Warning)));
            await using var transport = new MqttNetTransport(
                new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "everest-site-firmware-test-simulator", CleanSession = true },
                loggerFactory);
            await transport.ConnectAsync();
            await using var simulator = new SiteSimulator(site, transport, new ScaledTimeProvider(1, DateTimeOffset.UtcNow), loggerFactory: loggerFactory);
            await simulator.StartAsync();
            using var stop = new CancellationTokenSource();
            var simulating = simulator.RunAsync(TimeSpan.FromMilliseconds(200), stop.Token);

            var requestId = 0;
            foreach (var charger in site.Chargers)
            {
                var reply = await simulator.RequestUpdateFirmwareAsync(charger.Id, new FirmwareUpdateRequest(++requestId, new Uri(image).ToString()));
                Assert.True(reply.Answered, $"update_firmware for {charger.Id} was answered");
                Assert.Equal(UpdateFirmwareResponse.Accepted, reply.Value);
            }

            await Eventually.HoldsAsync(
                () => site.Chargers.All(c => Statuses(simulator, c.SystemModuleId).LastOrDefault() == "Installed"),
                TimeSpan.FromSeconds(90),
                () => string.Join("; ", site.Chargers.Select(c => $"{c.Id}: {string.Join(",", Statuses(simulator, c.SystemModuleId))}")) + "\n" + controller.StderrTail);

            // One charger at a time: each began installing only after the one before was Installed.
            var timeline = simulator.GroundTruth.Commands
                .Where(c => c.Operation == "firmware_update_status")
                .Select(c => (c.ModuleId, Status: Status(c.Payload)))
                .Where(c => c.Status is "Installing" or "Installed")
                .ToList();
            for (var i = 0; i < timeline.Count; i += 2)
            {
                Assert.Equal("Installing", timeline[i].Status);
                Assert.Equal(("Installed", timeline[i].ModuleId), (timeline[i + 1].Status, timeline[i + 1].ModuleId));
            }

            Assert.True(await simulator.InspectAsync(s => s.Evses.All(e => e.Simulation.IsEnabled)), "every EVSE is back in service");
            await stop.CancelAsync();
            await simulating;
            Assert.Equal(0, await controller.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Everest_site_simulate_plays_the_CSMS_update_and_everest_site_run_rolls_it_out_over_three_chargers()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-firmware-cli-").FullName;
        try
        {
            await using var broker = await MosquittoBroker.StartAsync();
            var site = SimulatorOptions.ForEvses(6, seed: 3, dcEvery: 0);
            var images = Directory.CreateDirectory(Path.Combine(folder, "images")).FullName;
            var image = Path.Combine(images, "v2.bin");
            await File.WriteAllBytesAsync(image, new byte[64 * 1024]);
            var config = SiteConfigFile.Write(folder, site, broker.Host, broker.Port, "everest-site-firmware-cli-test", $"provider = sqlite, sqlite.path = \"{Path.Combine(folder, "data", "site.db")}\"");
            await File.AppendAllTextAsync(config, $"everest-site.firmware {{ local-folder = \"{images}\", folder = \"{Path.Combine(folder, "firmware")}\", max-concurrent-chargers = 1, canary = true }}\n");

            // No cars: the story is the rollout (a car's transaction would only make a charger wait).
            var sessions = Path.Combine(folder, "no-cars.csv");
            await File.WriteAllTextAsync(sessions, "arrival,departure,energy_kwh,max_current_a,phases\n");

            // What the controller tells each charger's EVerest, seen on the broker.
            var statuses = new ConcurrentQueue<(string Module, string Status)>();
            await using var observer = new MqttNetTransport(
                new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "everest-site-firmware-cli-observer", CleanSession = true },
                NullLoggerFactory.Instance);
            using var subscription = observer.OnMessage(message =>
            {
                var module = message.Topic.Split('/')[3];
                statuses.Enqueue((module, Status(Encoding.UTF8.GetString(message.Payload.Span))));
            });
            await observer.ConnectAsync();
            await observer.SubscribeAsync("everest_api/1/system/+/m2e/firmware_update_status", MqttQos.AtLeastOnce);

            await using var controller = await ControllerProcess.StartAsync(config, folder, 6, ControllerStartTimeout);
            await using var simulator = await SimulatorProcess.StartAsync(
                folder, ControllerStartTimeout, "--config", config, "--sessions", sessions, "--time-scale", "1", "--update-firmware", new Uri(image).ToString(), "--update-firmware-after", "00:00:02");

            string Seen() => string.Join("; ", site.Chargers.Select(c => $"{c.Id}: {string.Join(",", statuses.Where(s => s.Module == c.SystemModuleId).Select(s => s.Status))}"));
            await Eventually.HoldsAsync(
                () => site.Chargers.All(c => statuses.LastOrDefault(s => s.Module == c.SystemModuleId).Status == "Installed"),
                TimeSpan.FromSeconds(120),
                () => Seen() + "\ncontroller:\n" + controller.StderrTail + "\nsimulator:\n" + simulator.Tail);

            // One charger at a time: each began installing only after the one before was Installed.
            var timeline = statuses.Where(s => s.Status is "Installing" or "Installed").ToList();
            Assert.Equal(6, timeline.Count);
            for (var i = 0; i < timeline.Count; i += 2)
            {
                Assert.Equal("Installing", timeline[i].Status);
                Assert.Equal(("Installed", timeline[i].Module), (timeline[i + 1].Status, timeline[i + 1].Module));
            }

            Assert.Equal(0, await simulator.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, await controller.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Statuses(SiteSimulator simulator, string systemModuleId) =>
        [.. simulator.GroundTruth.Commands.Where(c => c.ModuleId == systemModuleId && c.Operation == "firmware_update_status").Select(c => Status(c.Payload))];

    private static string Status(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("firmware_update_status").GetString()!;
}
