using System.Globalization;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Everest.Site.IntegrationTests;

/// <summary>
/// The site's allocation end to end: <c>everest-site run</c> and <c>everest-site simulate</c> as real processes on a
/// real mosquitto, three cars on a connection with room for two. Everything is judged from what crosses the broker:
/// the <c>set_external_limits</c> schedules the controller publishes and the session events EVerest publishes.
/// </summary>
public sealed class SiteAllocationProcessTests(ITestOutputHelper output)
{
    /// <summary>16 A minus a 1 A margin: room for two cars at their 6 A minimum, not for three.</summary>
    private const double GridA = 16;
    private const double MarginA = 1;
    private const double MinimumA = 6;
    private const int Evses = 4;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_cars_on_room_for_two_never_exceed_the_limit_and_the_waiting_car_charges_when_the_first_leaves()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-allocation-").FullName;
        try
        {
            await RunAsync(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RunAsync(string folder)
    {
        await using var broker = await StartMosquittoAsync();
        var config = WriteConfig(folder, broker);
        var sessions = Path.Combine(folder, "cars.csv");

        // Offsets from the simulation's start: the first car leaves after 25 s, the others stay.
        await File.WriteAllTextAsync(sessions, """
            arrival,departure,energy_kwh,max_current_a,phases
            00:00:02,00:00:25,50,32,3
            00:00:03,00:05:00,50,32,3
            00:00:04,00:05:00,50,32,3

            """);

        var observed = new ObservedSite();
        await using var observer = new MqttNetTransport(
            new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "everest-site-allocation-observer", CleanSession = true },
            NullLoggerFactory.Instance);
        using var subscription = observer.OnMessage(observed.On);
        await observer.ConnectAsync();
        await observer.SubscribeAsync("everest_api/1/external_energy_limits_consumer/+/m2e/set_external_limits", MqttQos.AtLeastOnce);
        await observer.SubscribeAsync("everest_api/1/evse_manager_consumer/+/e2m/session_event", MqttQos.AtLeastOnce);

        await using var controller = await ControllerProcess.StartAsync(config, folder, Evses, StartTimeout);
        await using var simulator = await SimulatorProcess.StartAsync(folder, StartTimeout, "--config", config, "--sessions", sessions, "--time-scale", "1", "--seed", "3");

        await Eventually.HoldsAsync(
            () => observed.ResumedAfterAnotherLeft() is not null,
            TimeSpan.FromSeconds(60),
            () => $"a car that waited at least 10 s to be given current only after another car's transaction finished. Seen: {observed.Describe()}\n"
                + $"controller:\n{controller.StderrTail}\nsimulator:\n{simulator.Tail}");
        output.WriteLine(observed.Describe());

        Assert.True(observed.Violations.Count == 0, $"the limits in force summed to more than {GridA - MarginA} A: {string.Join("; ", observed.Violations)}");
        Assert.True(observed.HighestSumA >= GridA - MarginA - 1, $"the site was shared up to its limit (highest sum {observed.HighestSumA:0.#} A)");

        Assert.Equal(0, await simulator.TerminateAsync(TimeSpan.FromSeconds(30)));
        var exitCode = await controller.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"The controller exited with {exitCode} after SIGTERM. Its stderr ends with:\n{controller.StderrTail}");
    }

    private static string WriteConfig(string folder, MosquittoBroker broker)
    {
        var evses = string.Join(Environment.NewLine, Enumerable.Range(1, Evses).Select(i =>
            $"      {{ id = e-{i}, module-id = evse-{i}, energy-limits-module-id = limits-{i} }}"));
        var text = string.Create(CultureInfo.InvariantCulture, $$"""
            everest-site {
              site-id = "allocation-test"
              mqtt { host = "{{broker.Host}}", port = {{broker.Port}}, client-id = "everest-site-allocation-test", keep-alive = 5s, reconnect { min-delay = 1s, max-delay = 2s } }
              persistence { provider = sqlite, sqlite.path = "{{Path.Combine(folder, "data", "site.db")}}" }
              http { urls = "http://127.0.0.1:0" }
              grid { max-current-a = {{GridA}}, safety-margin-a = {{MarginA}} }
              # Short hysteresis so that the story fits in a minute; no rotation within it, so only a departure frees room.
              # Every EVSE falls back to 3 A if the controller stops renewing: four of them stay under the limit too.
              allocation { min-current-a = {{MinimumA}}, min-pause = 5s, min-charge = 5s, rotation = 10m, fallback-current-a = 3 }
              chargers = [ { id = cp-1, system-module-id = sys-1, evses = [
            {{evses}}
              ] } ]
            }

            """);
        var path = Path.Combine(folder, "site.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<MosquittoBroker> StartMosquittoAsync()
    {
        try
        {
            return await MosquittoBroker.StartAsync();
        }
        catch (MosquittoNotInstalledException exception)
        {
            Assert.Fail($"This test needs a real mosquitto: install Debian package mosquitto. ({exception.Message})");
            throw;
        }
    }

    /// <summary>What crossed the broker, per EVSE number: the latest limit schedule and the session events, with when they arrived.</summary>
    private sealed class ObservedSite
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, ExternalLimits> _schedules = [];
        private readonly List<(int Evse, DateTimeOffset At, double LimitA)> _limits = [];
        private readonly List<(int Evse, DateTimeOffset At, string Event)> _events = [];

        public List<string> Violations { get; } = [];

        public double HighestSumA { get; private set; }

        public void On(MqttMessage message)
        {
            var parts = message.Topic.Split('/');
            if (parts.Length < 6 || !int.TryParse(parts[3].AsSpan(parts[3].IndexOf('-') + 1), CultureInfo.InvariantCulture, out var evse))
            {
                return;
            }

            var now = DateTimeOffset.UtcNow;
            lock (_gate)
            {
                if (parts[5] == "set_external_limits")
                {
                    var schedule = EverestJson.Decode<ExternalLimits>(message.Payload.Span);
                    _schedules[evse] = schedule;
                    _limits.Add((evse, now, InForce(schedule, now)));
                }
                else
                {
                    _events.Add((evse, now, EverestJson.Decode<SessionEvent>(message.Payload.Span).Event.Value));
                }

                // Every schedule's entry in force now, including a fallback entry that fell due because a renewal was missed.
                var sum = _schedules.Values.Sum(s => InForce(s, now));
                HighestSumA = Math.Max(HighestSumA, sum);
                if (sum > GridA - MarginA + 1e-6)
                {
                    Violations.Add(string.Create(CultureInfo.InvariantCulture, $"{sum:0.##} A at {now:HH:mm:ss.fff}"));
                }
            }
        }

        /// <summary>
        /// The EVSE whose car waited (WaitingForEnergy) at least 10 s and was given its minimum only after another
        /// EVSE's transaction had finished (its car stopped charging to leave); null while there is none.
        /// </summary>
        public int? ResumedAfterAnotherLeft()
        {
            lock (_gate)
            {
                foreach (var waiting in _events.Where(e => e.Event == "WaitingForEnergy"))
                {
                    var given = _limits.FirstOrDefault(l => l.Evse == waiting.Evse && l.At > waiting.At && l.LimitA >= MinimumA);
                    var left = _events.FirstOrDefault(e => e.Evse != waiting.Evse && e.Event == "TransactionFinished" && e.At > waiting.At);
                    if (given.At != default && left.At != default && given.At - waiting.At >= TimeSpan.FromSeconds(10) && given.At >= left.At)
                    {
                        return waiting.Evse;
                    }
                }

                return null;
            }
        }

        public string Describe()
        {
            lock (_gate)
            {
                var start = _events.Concat(_limits.Select(l => (l.Evse, l.At, Event: ""))).Select(e => e.At).DefaultIfEmpty().Min();
                return string.Join(", ", _events.Select(e => (e.At, Text: $"e-{e.Evse} {e.Event}"))
                    .Concat(_limits.Select(l => (l.At, Text: string.Create(CultureInfo.InvariantCulture, $"e-{l.Evse} {l.LimitA:0.#} A"))))
                    .OrderBy(e => e.At)
                    .Select(e => string.Create(CultureInfo.InvariantCulture, $"{(e.At - start).TotalSeconds:0.0}s {e.Text}")));
            }
        }

        /// <summary>The import limit of <paramref name="schedule"/> in force at <paramref name="now"/>: its last entry that has begun (else its first).</summary>
        private static double InForce(ExternalLimits schedule, DateTimeOffset now)
        {
            var entries = schedule.ScheduleImport;
            var entry = entries.LastOrDefault(e => e.Timestamp <= now) ?? entries.FirstOrDefault();
            return entry?.LimitsToRoot.AcMaxCurrentA?.Value ?? 0;
        }
    }
}
