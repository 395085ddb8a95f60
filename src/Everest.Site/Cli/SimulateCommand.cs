using System.CommandLine;
using System.Globalization;
using Everest.Site.Configuration;
using Everest.Site.Hocon;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Everest.Site.Simulator.Time;
using Microsoft.Extensions.Logging;
using SimulatedEvseHardware = Everest.Site.Simulator.Evse.EvseSimulationOptions;
using SiteSimulatorOptions = Everest.Site.Simulator.Site.SimulatorOptions;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site simulate</c>: plays EVerest for the site's chargers (from <c>--config</c>) or for N EVSEs
/// against a real MQTT broker, faster than real time if asked, until the duration is over or Ctrl+C.
/// Exit codes: 0 done, 1 the broker cannot be reached, 2 bad options or configuration.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var configOption = new Option<string?>("--config") { Description = "Site configuration (HOCON): simulate its chargers and EVSEs, its broker and its everest-site.simulator settings." };
        var evsesOption = new Option<int?>("--evses") { Description = "Without --config: how many EVSEs (chargers of two). With --config: simulate only the first N." };
        var brokerOption = new Option<string?>("--broker") { Description = "Broker as host:port (default: the configuration's mqtt host and port, else 127.0.0.1:1883)." };
        var timeScaleOption = new Option<double?>("--time-scale") { Description = "Simulated seconds per real second (default: configuration, else 1)." };
        var arrivalsOption = new Option<double?>("--arrivals-per-hour") { Description = "Mean EV arrivals per hour across the site (Poisson; default: configuration, else 4)." };
        var sessionsOption = new Option<string?>("--sessions") { Description = "CSV of sessions to replay instead of Poisson arrivals: arrival,departure,energy_kwh,max_current_a,phases[,id_tag]." };
        var seedOption = new Option<int?>("--seed") { Description = "Random seed (default: configuration, else 1)." };
        var durationOption = new Option<string?>("--duration") { Description = "Stop after this much simulated time (e.g. 01:00:00); default: run until Ctrl+C." };
        var truthOption = new Option<string?>("--truth") { Description = "Write the ground truth (sessions, energy, commands, limit exceedances, faults) as JSON to this file at the end." };
        var firmwareOption = new Option<string?>("--update-firmware") { Description = "Play the CSMS's firmware update: send update_firmware with this image URL to every simulated charger (request ids 1, 2, …)." };
        var firmwareAfterOption = new Option<string?>("--update-firmware-after") { Description = "Simulated time after the start when update_firmware is sent (default 00:00:10)." };
        var firmwareCertificateOption = new Option<string?>("--firmware-certificate") { Description = "File with the PEM signing certificate sent with --update-firmware." };
        var firmwareSignatureOption = new Option<string?>("--firmware-signature") { Description = "Base64 signature of the image's SHA-256 sent with --update-firmware." };

        var command = new Command("simulate", "Play EVerest (EvseManager and API modules) for the site's EVSEs against a real MQTT broker.");
        foreach (var option in new Option[] { configOption, evsesOption, brokerOption, timeScaleOption, arrivalsOption, sessionsOption, seedOption, durationOption, truthOption, firmwareOption, firmwareAfterOption, firmwareCertificateOption, firmwareSignatureOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new SimulateRequest(
                parseResult.GetValue(configOption),
                parseResult.GetValue(evsesOption),
                parseResult.GetValue(brokerOption),
                parseResult.GetValue(timeScaleOption),
                parseResult.GetValue(arrivalsOption),
                parseResult.GetValue(sessionsOption),
                parseResult.GetValue(seedOption),
                parseResult.GetValue(durationOption),
                parseResult.GetValue(truthOption))
            {
                FirmwareLocation = parseResult.GetValue(firmwareOption),
                FirmwareAfter = parseResult.GetValue(firmwareAfterOption),
                FirmwareCertificateFile = parseResult.GetValue(firmwareCertificateOption),
                FirmwareSignature = parseResult.GetValue(firmwareSignatureOption),
            };
            // Ctrl+C / SIGTERM end the simulation in order (summary and ground truth still written).
            using var signal = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, signal.Token);
            return await RunAsync(request, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, stop.Token);
        });
        return command;
    }

    private static async Task<int> RunAsync(SimulateRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SimulationPlan plan;
        try
        {
            plan = Plan(request);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or HoconException or ConfigurationException or IOException)
        {
            await error.WriteLineAsync($"error: {Describe(e)}");
            return ExitCodes.BadInput;
        }

        // Logs go to stderr with timestamps, as for 'run': stdout carries only the lines a script reads (start, summary).
        using var loggerFactory = ConsoleLogging.ToStandardError(LogLevel.Information, plan.LogFormat);
        await using var transport = new MqttNetTransport(plan.Broker, loggerFactory);
        try
        {
            await transport.ConnectAsync(cancellationToken);
        }
        catch (MqttException e)
        {
            await error.WriteLineAsync($"error: cannot connect to the broker at {plan.Broker.Host}:{plan.Broker.Port}: {e.Message}");
            return ExitCodes.Failure;
        }

        await using var simulator = new SiteSimulator(plan.Site, transport, plan.Time, plan.Arrivals, loggerFactory, wallClock: TimeProvider.System);
        await simulator.StartAsync(cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"simulating {simulator.Evses.Count} EVSEs on {plan.Broker.Host}:{plan.Broker.Port} at {plan.Time.Scale}x; Ctrl+C stops"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (plan.Duration is { } duration)
        {
            // The duration is simulated time, so it is measured on the simulator's own clock.
            stop.CancelAfter(TimeSpan.FromTicks((long)(duration.Ticks / plan.Time.Scale)));
        }

        var firmware = plan.Firmware is { } update ? SendFirmwareUpdatesAsync(simulator, plan, update, output, stop.Token) : Task.CompletedTask;
        await simulator.RunAsync(TimeSpan.FromSeconds(1), stop.Token);
        await firmware;

        var truth = simulator.GroundTruth;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"sessions: {truth.Sessions.Count}, energy of finished transactions: {truth.TotalEnergyWh / 1000:F3} kWh, commands: {truth.Commands.Count}, limit exceedances: {truth.LimitExceedances.Count}, cars turned away: {truth.ArrivalsTurnedAway}"));
        if (plan.Firmware is not null)
        {
            // The last firmware_update_status the controller published to each charger's system module.
            foreach (var charger in plan.Site.Chargers)
            {
                var last = truth.Commands.LastOrDefault(c => c.ModuleId == charger.SystemModuleId && c.Operation == "firmware_update_status");
                await output.WriteLineAsync($"firmware {charger.Id}: {last?.Payload ?? "no status"}");
            }
        }

        if (request.TruthFile is { } truthFile)
        {
            await File.WriteAllTextAsync(truthFile, truth.ToJson(), CancellationToken.None);
            await output.WriteLineAsync($"ground truth written to {truthFile}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Plays the CSMS: once the update time has come, asks every simulated charger's controller to update.</summary>
    private static async Task SendFirmwareUpdatesAsync(SiteSimulator simulator, SimulationPlan plan, FirmwareUpdatePlan update, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromTicks((long)(update.After.Ticks / plan.Time.Scale)), cancellationToken);
            var requestId = 0;
            foreach (var charger in plan.Site.Chargers)
            {
                var request = new Everest.Site.EverestApi.Messages.FirmwareUpdateRequest(++requestId, update.Location, SigningCertificate: update.Certificate, Signature: update.Signature);
                var reply = await simulator.RequestUpdateFirmwareAsync(charger.Id, request, cancellationToken);
                await output.WriteLineAsync($"update_firmware {charger.Id} (request {requestId}): {(reply.Answered ? reply.Value.ToString() : "no answer")}");
            }
        }
        catch (OperationCanceledException)
        {
            // The simulation ended before the update time.
        }
    }

    private static SimulationPlan Plan(SimulateRequest request)
    {
        EverestSiteOptions? site = null;
        if (request.ConfigFile is { } file)
        {
            site = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file));
        }

        var seed = request.Seed ?? site?.Simulator.Seed ?? 1;
        var scale = request.TimeScale ?? (site?.Simulator.TimeScale is > 0 and var configured ? configured : 1);
        var time = new ScaledTimeProvider(scale, DateTimeOffset.UtcNow);
        var options = site is null
            ? SiteSimulatorOptions.ForEvses(request.Evses ?? 10, seed)
            : DemoSimulation.OptionsFor(site, request.Evses ?? site.Simulator.EvseCount, seed);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        IArrivalPlan arrivals = request.SessionsFile is { } csv
            ? CsvArrivalPlan.Load(csv, time.GetUtcNow())
            : new PoissonArrivalPlan(
                request.ArrivalsPerHour ?? (site?.Simulator.ArrivalRatePerHour is > 0 and var rate ? rate : 4),
                time.GetUtcNow(),
                seed,
                site?.Simulator.MeanEnergyKwh is > 0 and var kwh ? kwh * 1000 : 22_500);

        TimeSpan? duration = request.Duration is { } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw new FormatException($"--duration '{text}' is not a positive time span like 01:00:00")
            : null;

        FirmwareUpdatePlan? firmware = null;
        if (request.FirmwareLocation is { } location)
        {
            var after = request.FirmwareAfter is { } afterText
                ? TimeSpan.TryParse(afterText, CultureInfo.InvariantCulture, out var parsedAfter) && parsedAfter >= TimeSpan.Zero
                    ? parsedAfter
                    : throw new FormatException($"--update-firmware-after '{afterText}' is not a time span like 00:00:10")
                : TimeSpan.FromSeconds(10);
            var certificate = request.FirmwareCertificateFile is { } certificateFile ? File.ReadAllText(certificateFile) : null;
            firmware = new FirmwareUpdatePlan(location, after, certificate, request.FirmwareSignature);
        }

        return new SimulationPlan(options, Broker(request, site), time, arrivals, duration, site?.Logging.Format ?? LogFormat.Text) { Firmware = firmware };
    }

    private static MqttNetTransportOptions Broker(SimulateRequest request, EverestSiteOptions? site)
    {
        var (host, port) = ("127.0.0.1", 1883);
        if (site is not null)
        {
            if (site.Mqtt.Provider == MqttProvider.Memory && request.Broker is null)
            {
                throw new ArgumentException("mqtt.provider is memory: the simulator needs a real broker; give --broker host:port");
            }

            (host, port) = (site.Mqtt.Host, site.Mqtt.Port);
        }

        if (request.Broker is { } broker)
        {
            var colon = broker.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                throw new FormatException($"--broker '{broker}' is not host:port");
            }

            host = broker[..colon];
        }

        // The site's own broker settings (credentials, TLS, keep-alive), under a client id of the simulator's own
        // and without the controller's persistent session or last will.
        var clientId = string.IsNullOrEmpty(site?.Mqtt.ClientId) ? "everest-site-simulator" : site.Mqtt.ClientId + "-simulator";
        var baseline = site is null ? new MqttNetTransportOptions { ClientId = clientId } : LibrarySettings.ForMqttClient(site.Mqtt);
        return baseline with { Host = host, Port = port, ClientId = clientId, CleanSession = true, LastWill = null };
    }

    private static string Describe(Exception e) => e is ConfigurationException configuration
        ? string.Join(Environment.NewLine, configuration.Problems.Select(p => p.ToString()))
        : e.Message;

    private sealed record SimulateRequest(
        string? ConfigFile,
        int? Evses,
        string? Broker,
        double? TimeScale,
        double? ArrivalsPerHour,
        string? SessionsFile,
        int? Seed,
        string? Duration,
        string? TruthFile)
    {
        public string? FirmwareLocation { get; init; }

        public string? FirmwareAfter { get; init; }

        public string? FirmwareCertificateFile { get; init; }

        public string? FirmwareSignature { get; init; }
    }

    private sealed record FirmwareUpdatePlan(string Location, TimeSpan After, string? Certificate, string? Signature);

    private sealed record SimulationPlan(SiteSimulatorOptions Site, MqttNetTransportOptions Broker, ScaledTimeProvider Time, IArrivalPlan Arrivals, TimeSpan? Duration, LogFormat LogFormat)
    {
        public FirmwareUpdatePlan? Firmware { get; init; }
    }
}
