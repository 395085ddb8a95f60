using System.CommandLine;
using System.Globalization;
using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Everest.Site.Configuration;
using Everest.Site.Diagnostics;
using Everest.Site.Evse;
using Everest.Site.Hosting;
using Everest.Site.Http;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.Embedded;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Persistence;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Everest.Site.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site demo [--evses n] [--speed x] [--duration hh:mm:ss] [--port n] [--http-port n]</c>: the product on its
/// embedded defaults (hocon/demo.conf, with <see cref="DemoOverrides"/> for <c>--evses</c> and <c>--speed</c>): the embedded MQTT broker on 127.0.0.1 (port 1883 unless told otherwise; 0 picks a free one), the
/// controller and simulated EVerest instances connected to it like any MQTT client, SQLite under <c>./data</c>, the
/// dashboard on http://127.0.0.1:5080 (<c>--http-port</c>; its URL with a token made for the run is printed), and the
/// site's status on stdout (<see cref="DemoTerminal"/>: a live summary on a terminal, a plain table every few seconds
/// otherwise). The broker's address is printed, so a user can watch the EVerest API traffic with
/// <c>mosquitto_sub</c>. Runs until Ctrl+C, SIGTERM or the duration (wall time); exit 0.
/// </summary>
public static class DemoCommand
{
    /// <summary>The prefix of the stdout line with the dashboard's URL (the API token in its fragment).</summary>
    public const string DashboardLinePrefix = "dashboard: ";

    public static Command Create()
    {
        var evsesOption = new Option<int?>("--evses")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Number of simulated EVSEs, {DemoOverrides.MinEvses} to {DemoOverrides.MaxEvses}, on chargers of two (default: demo.conf's 4). The site limit and the arrivals keep demo.conf's share per EVSE (4 A and 2.5 cars an hour each, never under 16 A), so a bigger site is as crowded and allocation still shares, pauses and rotates."),
        };
        var speedOption = new Option<double?>("--speed")
        {
            Description = "Simulated seconds per real second, more than 0 (default: everest-site.simulator.time-scale of demo.conf, 60). Above 60 the allocation's turns and the time-outs are stretched to last as long on the wall.",
        };
        var durationOption = new Option<string?>("--duration")
        {
            Description = "Stop by itself after this much wall time (e.g. 00:01:00); default: run until Ctrl+C.",
        };
        var portOption = new Option<int?>("--port")
        {
            Description = "TCP port of the embedded MQTT broker on 127.0.0.1 (default: everest-site.mqtt.port of demo.conf, 1883; 0 picks a free one).",
        };
        var httpPortOption = new Option<int?>("--http-port")
        {
            Description = "TCP port of the dashboard and HTTP API on 127.0.0.1 (default: everest-site.http.urls, port 5080; 0 picks a free one).",
        };
        var command = new Command("demo", "Run the site on embedded defaults: an MQTT broker on 127.0.0.1, simulated EVSEs, SQLite under ./data.");
        command.Options.Add(evsesOption);
        command.Options.Add(speedOption);
        command.Options.Add(durationOption);
        command.Options.Add(portOption);
        command.Options.Add(httpPortOption);

        // Signals are handled by the Generic Host's console lifetime, as for 'run', so the shutdown finishes and exits 0.
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(evsesOption),
            parseResult.GetValue(speedOption),
            parseResult.GetValue(durationOption),
            parseResult.GetValue(portOption),
            parseResult.GetValue(httpPortOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(int? evses, double? speed, string? durationText, int? port, int? httpPort, TextWriter output, TextWriter error)
    {
        if (evses is < DemoOverrides.MinEvses or > DemoOverrides.MaxEvses)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: --evses {evses} is not a number of EVSEs from {DemoOverrides.MinEvses} to {DemoOverrides.MaxEvses}"));
            return ExitCodes.BadInput;
        }

        if (speed is { } requested && !(double.IsFinite(requested) && requested > 0))
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: --speed {requested} is not a time scale: simulated seconds per real second, a finite number more than 0 (e.g. 60)"));
            return ExitCodes.BadInput;
        }

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

        if (port is < 0 or > 65_535)
        {
            await error.WriteLineAsync($"error: --port {port} is not a TCP port (0 to 65535; 0 picks a free one)");
            return ExitCodes.BadInput;
        }

        if (httpPort is < 0 or > 65_535)
        {
            await error.WriteLineAsync($"error: --http-port {httpPort} is not a TCP port (0 to 65535; 0 picks a free one)");
            return ExitCodes.BadInput;
        }

        if (CommandLineConfiguration.TryLoadWithConfiguration(() => SiteConfiguration.LoadDemo(), "demo.conf (embedded)", error) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }

        if (evses is not null || speed is not null)
        {
            var overrides = DemoOverrides.ToHocon(loaded.Options, evses, speed);
            if (CommandLineConfiguration.TryLoadWithConfiguration(
                    () => SiteConfiguration.LoadDemo(overrides: overrides, overridesName: DemoOverrides.SourceName),
                    "demo.conf (embedded) with --evses/--speed",
                    error) is not { } resized)
            {
                return ExitCodes.BadInput;
            }

            loaded = resized;
        }

        var options = loaded.Options;
        if (httpPort is { } dashboardPort)
        {
            options.Http.Urls = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{dashboardPort}");
        }

        if (options.Persistence.Provider == PersistenceProvider.Sqlite)
        {
            // Owner only, as the journal would create it: the folder holds billing history.
            SqliteDatabaseFile.CreateFolderOf(options.Persistence.Sqlite.Path);
        }

        var firmwareImage = DemoFirmware.Prepare(options);

        // The broker and the simulator live outside the host, beside it; they log the same way.
        using var loggerFactory = ConsoleLogging.ToStandardError(LogLevel.Warning, options.Logging.Format);
        var scale = options.Simulator.TimeScale > 0 ? options.Simulator.TimeScale : 1;
        var time = new ScaledTimeProvider(scale, DateTimeOffset.UtcNow);
        if (!IPAddress.TryParse(options.Mqtt.Host, out var address))
        {
            await error.WriteLineAsync($"error: everest-site.mqtt.host '{options.Mqtt.Host}' must be an IP address to listen on (127.0.0.1: this machine only)");
            return ExitCodes.BadInput;
        }

        EmbeddedMqttBroker broker;
        try
        {
            broker = await EmbeddedMqttBroker.StartAsync(new EmbeddedMqttBrokerOptions { Address = address, Port = port ?? options.Mqtt.Port }, loggerFactory);
        }
        catch (MqttException e)
        {
            await error.WriteLineAsync($"error: {e.Message} Choose another port with --port (0 picks a free one).");
            return ExitCodes.Failure;
        }

        await using var brokerLifetime = broker;

        // From here on the options name the broker as it listens (--port, or the free port 0 picked), so that what
        // reads them (the mqtt-broker health check, the simulator) names the address the demo printed.
        options.Mqtt.Host = broker.Host;
        options.Mqtt.Port = broker.Port;

        // The controller connects exactly as it would to mosquitto (persistent session, last will); the simulator plays EVerest.
        var controllerOptions = LibrarySettings.ForMqttClient(options.Mqtt);
        await using var controllerTransport = new MqttNetTransport(controllerOptions, loggerFactory);
        await using var simulatorTransport = new MqttNetTransport(
            controllerOptions with { ClientId = controllerOptions.ClientId + "-simulator", CleanSession = true, LastWill = null },
            loggerFactory);
        await simulatorTransport.ConnectAsync(CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"MQTT broker: {broker.Host}:{broker.Port} (watch with: mosquitto_sub -h {broker.Host} -p {broker.Port} -t 'everest_api/#' -v)"));
        await output.FlushAsync(CancellationToken.None);

        using var consoleToStandardError = SiteConsoleHost.KeepStandardOutputForScripts();
        var builder = SiteConsoleHost.CreateBuilder(LogLevel.Warning, options.Logging.Format);
        builder.AddEverestSite(options, new SiteHostSettings { Transport = controllerTransport, TimeProvider = time, Configuration = loaded.Configuration });

        // The demo's dashboard needs a token too; unless EVEREST_SITE_API_TOKEN gives one, it is made here and printed in the URL.
        var apiToken = options.Http.ApiToken ?? ApiTokens.Generate();
        builder.AddEverestSiteHttp(options, apiToken);
        var host = builder.Build();
        host.MapEverestSiteHttp();
        try
        {
            return await RunHostAsync(host, options, apiToken, firmwareImage, time, simulatorTransport, duration, loggerFactory, output, error);
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            await controllerTransport.DisconnectAsync(CancellationToken.None);
            await simulatorTransport.DisconnectAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RunHostAsync(
        IHost host,
        EverestSiteOptions options,
        string apiToken,
        Uri? firmwareImage,
        ScaledTimeProvider time,
        IMqttTransport simulatorTransport,
        TimeSpan? duration,
        ILoggerFactory loggerFactory,
        TextWriter output,
        TextWriter error)
    {
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            await host.StartAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await host.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"error: the demo could not start: {e.Message}{(e is IOException ? " (the dashboard's port may be in use: choose another with --http-port, 0 picks a free one)" : "")}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token);
            return ExitCodes.Failure;
        }

        var fleet = host.Services.GetRequiredService<IRequiredActor<EvseFleetKey>>().ActorRef;
        var site = host.Services.GetRequiredService<IRequiredActor<SiteKey>>().ActorRef;
        var plan = host.Services.GetRequiredService<EvseFleetPlan>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var arrivals = new PoissonArrivalPlan(
            options.Simulator.ArrivalRatePerHour > 0 ? options.Simulator.ArrivalRatePerHour : 4,
            time.GetUtcNow(),
            options.Simulator.Seed,
            options.Simulator.MeanEnergyKwh > 0 ? options.Simulator.MeanEnergyKwh * 1000 : 20_000);
        // A charger rebooting after a firmware installation is down three simulated minutes (three seconds at the
        // demo's pace): long enough for its EVSEs to be seen offline on the dashboard.
        var simulated = DemoSimulation.OptionsFor(options) with { FirmwareRebootDuration = TimeSpan.FromMinutes(3) };
        await using (var simulator = new SiteSimulator(simulated, simulatorTransport, time, arrivals, loggerFactory, wallClock: TimeProvider.System))
        {
            await simulator.StartAsync(CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"everest-site demo: {plan.Evses.Count} EVSEs, {simulator.Evses.Count} simulated, one real second is {time.Scale:0.##} simulated seconds; journal {Describe(options.Persistence)}; Ctrl+C stops"));
            var dashboardUrl = SiteHttpAddresses.DashboardUrl(host.Services, apiToken);
            await output.WriteLineAsync($"{DashboardLinePrefix}{dashboardUrl}");
            if (firmwareImage is not null && dashboardUrl is not null)
            {
                await output.WriteLineAsync(DemoFirmware.Line(firmwareImage, dashboardUrl, apiToken));
            }

            await output.FlushAsync(CancellationToken.None);

            if (duration is { } wallTime)
            {
                stop.CancelAfter(wallTime);
            }

            var simulation = simulator.RunAsync(TimeSpan.FromSeconds(1), stop.Token);
            using var activity = new DemoActivity(host.Services.GetRequiredService<SiteMetrics>());
            var terminal = new DemoTerminal(() => DemoStatus.ReadAsync(fleet, site, plan, time), activity, output);
            await terminal.RunAsync(DemoTerminal.StandardOutputIsInteractive(), stop.Token);
            await simulation;
        }

        await host.StopAsync(CancellationToken.None);
        return host.Services.GetRequiredService<SiteLifetime>().ExitCode;
    }

    private static string Describe(PersistenceOptions persistence) => persistence.Provider switch
    {
        PersistenceProvider.Sqlite => persistence.Sqlite.Path,
        PersistenceProvider.Postgresql => "PostgreSQL",
        _ => "in memory",
    };
}
