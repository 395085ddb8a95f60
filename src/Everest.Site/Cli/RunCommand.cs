using System.CommandLine;
using Everest.Site.Configuration;
using Everest.Site.Hocon;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site run --config FILE</c>: the controller. Prints exactly one line on stdout once everything is
/// started (<c>everest-site running: N EVSEs</c>); logs go to stderr. SIGTERM or Ctrl+C stops it in order and
/// exits 0. Exit 1: it could not start (broker refused us for good, database unusable); exit 2: bad configuration.
/// </summary>
public static class RunCommand
{
    /// <summary>The prefix of the one stdout line that says the controller is up.</summary>
    public const string RunningLinePrefix = "everest-site running: ";

    public static Command Create()
    {
        var configOption = new Option<string>("--config")
        {
            Description = "The site configuration file (HOCON), loaded over reference.conf with EVERESTSITE_ environment overrides.",
            Required = true,
        };
        var command = new Command("run", "Run the site controller against the EVerest instances and broker of a configuration file.");
        command.Options.Add(configOption);

        // The orderly shutdown (communication check false, actors, journal flush, disconnect) is driven by our own
        // ShutdownSignal; Program disables System.CommandLine's own SIGTERM handling, which would otherwise end the
        // invocation with 143 after a short grace period.
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(configOption)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string file, TextWriter output, TextWriter error)
    {
        if (CommandLineConfiguration.TryLoad(() => SiteConfiguration.Load(file), file, error) is not { } options)
        {
            return ExitCodes.BadInput;
        }

        if (options.Mqtt.Provider != MqttProvider.External)
        {
            await error.WriteLineAsync(
                $"error: {file}: everest-site.mqtt.provider = {options.Mqtt.Provider.ToString().ToLowerInvariant()}: 'run' connects to a broker outside the process (normally mosquitto) that EVerest also uses; "
                + "use provider = external with mqtt.host and mqtt.port ('everest-site demo' runs the embedded broker)");
            return ExitCodes.BadInput;
        }

        using var signal = new ShutdownSignal();
        using var loggerFactory = ConsoleLogging.ToStandardError();
        var logger = loggerFactory.CreateLogger(typeof(RunCommand));
        SiteHost host;
        try
        {
            host = await SiteHost.StartAsync(options, transport: null, loggerFactory, TimeProvider.System, signal.Token);
        }
        catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (MqttException e)
        {
            await error.WriteLineAsync($"error: cannot use the MQTT broker {options.Mqtt.Host}:{options.Mqtt.Port}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Typically the database (a path that cannot be created, PostgreSQL refusing us): say so and stop.
            logger.LogError(e, "The site could not start");
            await error.WriteLineAsync($"error: the site could not start: {e.Message}");
            return ExitCodes.Failure;
        }

        try
        {
            await output.WriteLineAsync($"{RunningLinePrefix}{host.EvseCount} EVSEs");
            await output.FlushAsync(CancellationToken.None);
            await WaitForStopAsync(signal.Token);
        }
        finally
        {
            await host.StopAsync();
        }

        return ExitCodes.Success;
    }

    private static async Task WaitForStopAsync(CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The normal way out: a signal asked for the stop.
        }
    }
}
