using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Everest.Site.Benchmarks.Common;
using Everest.Site.Benchmarks.Persistence;
using Everest.Site.Configuration;
using Everest.Site.Domain;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Hosting;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Everest.Site.Testing.Mosquitto;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Benchmarks.Fleet;

/// <summary>
/// What the product writes: <c>--evses</c> (1,000) EVSEs played by the simulator at EVerest's real rates
/// (powermeter and session_info at 1 Hz, heartbeats, sessions from Poisson arrivals at <c>--arrivals-per-hour</c>,
/// 600 by default: a morning rush) through a real mosquitto into the product's EVSE fleet (<see cref="EvseFleetActor"/>,
/// <see cref="EvseMessageRouter"/>, MqttNetTransport, EverestApiClient, communication checks) persisting on SQLite FULL.
/// Measured: the start-up burst (every EVSE comes online at once), events/s and routed messages/s over a
/// <c>--seconds</c> window (120), and the reconnect burst: the broker stops for <c>--outage-seconds</c> (10, past the
/// 5 s heartbeat timeout, so every EVSE goes offline) and comes back, timed until every EVSE is recorded online again.
/// Baseline in the same run: the same number of rows inserted straight into the journal in one transaction.
/// Run with <c>-- fleet-writes [--evses N] [--seconds N] [--arrivals-per-hour N] [--outage-seconds N]</c>.
/// </summary>
internal static class FleetWritesBenchmark
{
    public const string Command = "fleet-writes";

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var evses = FleetRecoveryBenchmark.IntOption(args, "--evses", 1000);
        var seconds = FleetRecoveryBenchmark.IntOption(args, "--seconds", 120);
        var arrivalsPerHour = FleetRecoveryBenchmark.IntOption(args, "--arrivals-per-hour", 600);
        var outage = TimeSpan.FromSeconds(FleetRecoveryBenchmark.IntOption(args, "--outage-seconds", 10));
        var burstTimeout = TimeSpan.FromSeconds(FleetRecoveryBenchmark.IntOption(args, "--timeout-seconds", 300));

        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        await using var database = await BenchmarkDatabase.CreateAsync(JournalTarget.SqliteFull);
        await PluginTables.CreateAsync(database);
        await using var watch = await JournalWatch.OpenAsync(database);
        var site = SiteOptions(broker, evses);
        var plan = EvseFleetPlan.From(site);
        var apiOptions = site.EverestApi;
        var time = TimeProvider.System;

        var system = database.CreateSystem("everest-site", ConfigurationFactory.ParseString($"akka.loglevel = {FleetRecoveryBenchmark.Option(args, "--akka-log") ?? "ERROR"}"));
        await using var controllerTransport = new MqttNetTransport(LibrarySettings.ForMqttClient(site.Mqtt));
        await using var client = new EverestApiClient(controllerTransport, apiOptions, time, NullLogger<EverestApiClient>.Instance);
        var barrier = new MqttBrokerBarrier(controllerTransport, site.Mqtt.ClientId);
        var fleet = system.ActorOf(EvseFleetActor.Props(plan, client, barrier, time), "evse-fleet");
        using var router = new EvseMessageRouter(controllerTransport, fleet, plan, new EverestMessageDecoder(), NullLogger<EvseMessageRouter>.Instance, barrier: barrier);
        await router.StartAsync();
        await using var keeper = new CommunicationCheckKeeper(controllerTransport, apiOptions, time, NullLogger<CommunicationCheckKeeper>.Instance);
        foreach (var (api, moduleId) in ApiInstances.InUse(site))
        {
            keeper.Add(api, moduleId);
        }

        await controllerTransport.ConnectAsync();
        keeper.Start();


        // The simulator plays EVerest on its own connection, as the chargers would.
        await using var simulatorTransport = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "bench-everest", CleanSession = true });
        await simulatorTransport.ConnectAsync();
        var start = time.GetUtcNow();
        await using var simulator = new SiteSimulator(DemoSimulation.OptionsFor(site, evses, seed: 1), simulatorTransport, time, new PoissonArrivalPlan(arrivalsPerHour, start, seed: 1));
        using var stopping = new CancellationTokenSource();
        var startupMark = await watch.LastOrderingAsync();
        var stopwatch = Stopwatch.StartNew();
        await simulator.StartAsync();
        var simulation = simulator.RunAsync(TimeSpan.FromSeconds(1), stopping.Token);

        var startup = await watch.WaitForAsync(CameOnline.Manifest, startupMark, evses, burstTimeout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  start-up: every EVSE recorded online {startup.TotalSeconds:N1} s after the simulator started"));

        // Let the start-up settle, then measure the steady flow.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var windowMark = await watch.LastOrderingAsync();
        var routedBefore = router.Routed;
        stopwatch.Restart();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var windowElapsed = stopwatch.Elapsed.TotalSeconds;
        var windowEnd = await watch.LastOrderingAsync();
        var routed = router.Routed - routedBefore;
        var byManifest = await watch.CountByManifestAsync(windowMark);
        var written = windowEnd - windowMark;

        // Reconnect burst: every EVSE goes silent past the heartbeat timeout, then all come back at once.
        var offlineMark = await watch.LastOrderingAsync();
        stopwatch.Restart();
        await broker.StopAsync();
        var offline = await watch.WaitForAsync(WentOffline.Manifest, offlineMark, evses, burstTimeout);
        var remaining = outage - stopwatch.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var onlineMark = await watch.LastOrderingAsync();
        await broker.StartAgainAsync();
        stopwatch.Restart();
        var online = await watch.WaitForAsync(CameOnline.Manifest, onlineMark, evses, burstTimeout);

        await stopping.CancelAsync();
        await simulation;
        await system.Terminate();

        var raw = await RawBurstAsync(database, evses);
        Console.WriteLine();
        Console.WriteLine($"What the product writes: {evses:N0} simulated EVSEs at EVerest's rates, {arrivalsPerHour} arrivals/h, through mosquitto into the EVSE fleet on SQLite FULL:");
        Console.WriteLine("| measure | product | baseline (same run) |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MQTT messages routed to EVSE actors | {routed / windowElapsed:N0} msg/s | — |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| events persisted over {windowElapsed:N0} s | {written / windowElapsed:N1} events/s ({written:N0} events) | raw batched insert {raw.RowsPerSecond:N0} rows/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| start-up: all {evses:N0} EVSEs recorded online | {startup.TotalSeconds:N1} s | {evses:N0} rows raw: {raw.Elapsed.TotalSeconds:N2} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| broker gone: all recorded offline (heartbeat timeout {site.EverestApi.HeartbeatTimeout.TotalSeconds:N0} s included) | {offline.TotalSeconds:N1} s | — |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| reconnect burst: all recorded online again after the broker is back | {online.TotalSeconds:N1} s | {evses:N0} rows raw: {raw.Elapsed.TotalSeconds:N2} s |"));
        Console.WriteLine($"Events in the window by manifest: {string.Join(", ", byManifest.Select(m => $"{m.Manifest} {m.Count:N0}"))}");
    }

    /// <summary>
    /// The baselines: one row per EVSE written straight into the journal in one transaction (the burst's rows), and
    /// ten such transactions in a row (what the database takes in per second when nothing else is in the way).
    /// </summary>
    private static async Task<(TimeSpan Elapsed, double RowsPerSecond)> RawBurstAsync(BenchmarkDatabase database, int evses)
    {
        await using var writer = await RawJournalWriter.OpenAsync(database);
        var at = DateTimeOffset.UtcNow;
        List<JournalRow> Rows(int sequenceNr) => [.. Enumerable.Range(1, evses)
            .Select(i => new JournalRow($"raw-burst-{i}", sequenceNr, HistorySerialization.Serialize(new CameOnline(at)), CameOnline.Manifest, ["evse"]))];
        var stopwatch = Stopwatch.StartNew();
        await writer.InsertAsync(Rows(1));
        var burst = stopwatch.Elapsed;
        stopwatch.Restart();
        for (var sequenceNr = 2; sequenceNr <= 11; sequenceNr++)
        {
            await writer.InsertAsync(Rows(sequenceNr));
        }

        return (burst, evses * 10 / stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>A site of <paramref name="evses"/> EVSEs on chargers of two, with the product's defaults, talking to <paramref name="broker"/>.</summary>
    private static EverestSiteOptions SiteOptions(MosquittoBroker broker, int evses)
    {
        var hocon = new StringBuilder();
        hocon.AppendLine(CultureInfo.InvariantCulture, $$"""
            everest-site {
              site-id = "bench"
              mqtt { host = "{{broker.Host}}", port = {{broker.Port}}, client-id = "everest-site-bench" }
              chargers = [
            """);
        for (var c = 1; (c - 1) * 2 < evses; c++)
        {
            hocon.Append(CultureInfo.InvariantCulture, $"    {{ id = cp-{c}, system-module-id = system_api_cp{c}, evses = [");
            for (var e = 1; e <= 2 && ((c - 1) * 2) + e <= evses; e++)
            {
                hocon.Append(CultureInfo.InvariantCulture, $"{(e > 1 ? "," : string.Empty)} {{ id = cp-{c}-{e}, module-id = evse_api_cp{c}_{e}, energy-limits-module-id = limits_api_cp{c}_{e} }}");
            }

            hocon.AppendLine(" ] }");
        }

        hocon.AppendLine("  ]\n}");
        return BenchSiteOptions.Load(hocon.ToString());
    }
}
