using System.CommandLine;
using System.Globalization;
using Akka.Actor;
using Everest.Site.Configuration;
using Everest.Site.Evse;
using Everest.Site.Hosting;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site demo [--duration hh:mm:ss]</c>: the product on its embedded defaults (hocon/demo.conf): the
/// controller and simulated EVerest instances on an in-process broker, SQLite under <c>./data</c>, a status table
/// on stdout every few seconds. Runs until Ctrl+C, SIGTERM or the duration (wall time); exit 0.
/// </summary>
public static class DemoCommand
{
    /// <summary>How often the status table is printed, in wall time.</summary>
    public static readonly TimeSpan TableInterval = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var durationOption = new Option<string?>("--duration")
        {
            Description = "Stop by itself after this much wall time (e.g. 00:01:00); default: run until Ctrl+C.",
        };
        var command = new Command("demo", "Run the site on embedded defaults: in-memory broker, simulated EVSEs, SQLite under ./data.");
        command.Options.Add(durationOption);

        // Signals are handled by our own ShutdownSignal, as for 'run', so the shutdown finishes and exits 0.
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(durationOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string? durationText, TextWriter output, TextWriter error)
    {
        TimeSpan? duration = null;
        if (durationText is not null)
        {
            if (!TimeSpan.TryParse(durationText, CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero)
            {
                await error.WriteLineAsync($"error: --duration '{durationText}' is not a positive time span like 00:05:00");
                return ExitCodes.BadInput;
            }

            duration = parsed;
        }

        if (CommandLineConfiguration.TryLoad(() => SiteConfiguration.LoadDemo(), "demo.conf (embedded)", error) is not { } options)
        {
            return ExitCodes.BadInput;
        }

        if (options.Persistence.Provider == PersistenceProvider.Sqlite
            && Path.GetDirectoryName(Path.GetFullPath(options.Persistence.Sqlite.Path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var signal = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signal.Token);
        using var loggerFactory = ConsoleLogging.ToStandardError(LogLevel.Warning);
        var scale = options.Simulator.TimeScale > 0 ? options.Simulator.TimeScale : 1;
        var time = new ScaledTimeProvider(scale, DateTimeOffset.UtcNow);
        var broker = new InMemoryBroker(loggerFactory);
        var clientId = string.IsNullOrEmpty(options.Mqtt.ClientId) ? "everest-site-demo" : options.Mqtt.ClientId;
        await using var controllerTransport = broker.CreateClient(clientId);
        await using var simulatorTransport = broker.CreateClient(clientId + "-simulator");
        await simulatorTransport.ConnectAsync(CancellationToken.None);

        SiteHost host;
        try
        {
            host = await SiteHost.StartAsync(options, controllerTransport, loggerFactory, time, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"error: the demo could not start: {e.Message}");
            return ExitCodes.Failure;
        }

        try
        {
            var arrivals = new PoissonArrivalPlan(
                options.Simulator.ArrivalRatePerHour > 0 ? options.Simulator.ArrivalRatePerHour : 4,
                time.GetUtcNow(),
                options.Simulator.Seed,
                options.Simulator.MeanEnergyKwh > 0 ? options.Simulator.MeanEnergyKwh * 1000 : 20_000);
            await using var simulator = new SiteSimulator(DemoSimulation.OptionsFor(options), simulatorTransport, time, arrivals, loggerFactory);
            await simulator.StartAsync(CancellationToken.None);

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"everest-site demo: {host.EvseCount} EVSEs, {simulator.Evses.Count} simulated, one real second is {scale:0.##} simulated seconds; journal {Describe(options.Persistence)}; Ctrl+C stops"));
            await output.WriteLineAsync("dashboard: not yet — see README");
            await output.FlushAsync(CancellationToken.None);

            if (duration is { } wallTime)
            {
                stop.CancelAfter(wallTime);
            }

            var simulation = simulator.RunAsync(TimeSpan.FromSeconds(1), stop.Token);
            await PrintTablesAsync(host, time, output, stop.Token);
            await simulation;
            await PrintTableAsync(host, time, output);
        }
        finally
        {
            await host.StopAsync();
        }

        return ExitCodes.Success;
    }

    private static async Task PrintTablesAsync(SiteHost host, TimeProvider time, TextWriter output, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TableInterval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await PrintTableAsync(host, time, output);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private static async Task PrintTableAsync(SiteHost host, TimeProvider time, TextWriter output)
    {
        // The actors' clock may run faster than wall time; two wall seconds is what a busy actor may take.
        var timeout = TimeSpan.FromSeconds(2) * Math.Max(1, time is ScaledTimeProvider scaled ? scaled.Scale : 1);
        var rows = new List<DemoStatusTable.Row>();
        foreach (var evseId in host.Plan.Evses.Select(e => e.EvseId).Order(StringComparer.Ordinal))
        {
            try
            {
                rows.Add(DemoStatusTable.RowOf(await host.Fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), timeout)));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A restarting actor does not answer; show the EVSE as unknown rather than stop the demo.
                rows.Add(new DemoStatusTable.Row(evseId, Online: false, State: "(no answer)", PowerKw: null, SessionEnergyKwh: null));
            }
        }

        await output.WriteAsync(DemoStatusTable.Render(time.GetUtcNow(), rows));
        await output.FlushAsync(CancellationToken.None);
    }

    private static string Describe(PersistenceOptions persistence) => persistence.Provider switch
    {
        PersistenceProvider.Sqlite => persistence.Sqlite.Path,
        PersistenceProvider.Postgresql => "PostgreSQL",
        _ => "in memory",
    };
}
