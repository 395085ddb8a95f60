using System.Text.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging;
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

    private static List<string> Statuses(SiteSimulator simulator, string systemModuleId) =>
        [.. simulator.GroundTruth.Commands.Where(c => c.ModuleId == systemModuleId && c.Operation == "firmware_update_status").Select(c => Status(c.Payload))];

    private static string Status(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("firmware_update_status").GetString()!;
}
