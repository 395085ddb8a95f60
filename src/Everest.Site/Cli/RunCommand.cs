using System.CommandLine;
using System.Globalization;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Http;
using Everest.Site.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site run --config FILE [--broker HOST:PORT]</c>: the controller on the Generic Host. On stdout it
/// prints <c>everest-site waiting for broker HOST:PORT</c> while the broker cannot be reached, then exactly one
/// <c>everest-site running: N EVSEs</c> once connected; logs go to stderr. SIGTERM or Ctrl+C stops it in order
/// and exits 0. Exit 1: it could not start (broker refused us for good, database unusable) or the actor system
/// ended on its own; exit 2: bad command line or configuration.
/// </summary>
public static class RunCommand
{
    /// <summary>The prefix of the stdout line that says the controller is up and connected.</summary>
    public const string RunningLinePrefix = "everest-site running: ";

    /// <summary>The prefix of the stdout line that says the controller has started but has no broker yet.</summary>
    public const string WaitingLinePrefix = "everest-site waiting for broker ";

    public static Command Create()
    {
        var configOption = new Option<string>("--config")
        {
            Description = "The site configuration file (HOCON), loaded over reference.conf with EVERESTSITE_ environment overrides.",
            Required = true,
        };
        var brokerOption = new Option<string?>("--broker")
        {
            Description = "The MQTT broker as HOST:PORT, in place of everest-site.mqtt.host and port (e.g. 127.0.0.1:1883).",
        };
        var command = new Command("run", "Run the site controller against the EVerest instances and broker of a configuration file.");
        command.Options.Add(configOption);
        command.Options.Add(brokerOption);

        // The Generic Host's console lifetime handles SIGTERM/SIGINT (orderly stop, exit 0); Program disables
        // System.CommandLine's own handling, which would otherwise end the invocation with 143.
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(configOption)!,
            parseResult.GetValue(brokerOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string file, string? broker, TextWriter output, TextWriter error)
    {
        if (CommandLineConfiguration.TryLoadWithConfiguration(() => SiteConfiguration.Load(file), file, error) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }

        var options = loaded.Options;
        if (broker is not null)
        {
            if (!BrokerAddress.TryParse(broker, out var brokerHost, out var brokerPort))
            {
                await error.WriteLineAsync($"error: --broker '{broker}' is not HOST:PORT with a port between 1 and 65535 (e.g. 127.0.0.1:1883)");
                return ExitCodes.BadInput;
            }

            options.Mqtt.Host = brokerHost;
            options.Mqtt.Port = brokerPort;
        }

        if (options.Mqtt.Provider != MqttProvider.External)
        {
            await error.WriteLineAsync(
                $"error: {file}: everest-site.mqtt.provider = {options.Mqtt.Provider.ToString().ToLowerInvariant()}: 'run' connects to a broker outside the process (normally mosquitto) that EVerest also uses; "
                + "use provider = external with mqtt.host and mqtt.port ('everest-site demo' runs the embedded broker)");
            return ExitCodes.BadInput;
        }

        using var consoleToStandardError = SiteConsoleHost.KeepStandardOutputForScripts();
        var builder = SiteConsoleHost.CreateBuilder(LogLevel.Information, options.Logging.Format);
        builder.AddEverestSite(options, new SiteHostSettings { Configuration = loaded.Configuration });
        var apiToken = options.Http.ApiToken ?? ApiTokens.Generate();
        builder.AddEverestSiteHttp(options, apiToken);
        var host = builder.Build();
        host.MapEverestSiteHttp();
        try
        {
            return await RunHostAsync(host, options, apiToken, output, error);
        }
        finally
        {
            // Asynchronously: the EVerest API client and the responder finish their in-flight work on dispose.
            await ((IAsyncDisposable)host).DisposeAsync();
        }
    }

    private static async Task<int> RunHostAsync(IHost host, EverestSiteOptions options, string apiToken, TextWriter output, TextWriter error)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RunCommand));
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
            await StopAfterFailedStartAsync(host, logger);
            if (e is MqttException)
            {
                await error.WriteLineAsync($"error: cannot use the MQTT broker {options.Mqtt.Host}:{options.Mqtt.Port}: {e.Message}");
            }
            else
            {
                // Typically the database (a path that cannot be created, PostgreSQL refusing us): say so and stop.
                logger.LogError(e, "The site could not start");
                await error.WriteLineAsync($"error: the site could not start: {e.Message}");
            }

            return ExitCodes.Failure;
        }

        LogHttp(logger, options, apiToken, host.Services);
        var transport = host.Services.GetRequiredService<IMqttTransport>();
        if (transport.State != MqttConnectionState.Connected)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{WaitingLinePrefix}{options.Mqtt.Host}:{options.Mqtt.Port}"));
            await output.FlushAsync(CancellationToken.None);
        }

        if (await SiteConsoleHost.WaitUntilConnectedAsync(transport, stopping))
        {
            await output.WriteLineAsync($"{RunningLinePrefix}{host.Services.GetRequiredService<Evse.EvseFleetPlan>().Evses.Count} EVSEs");
            await output.FlushAsync(CancellationToken.None);
        }

        await host.WaitForShutdownAsync(CancellationToken.None);
        return host.Services.GetRequiredService<SiteLifetime>().ExitCode;
    }

    private static void LogHttp(ILogger logger, EverestSiteOptions options, string apiToken, IServiceProvider services)
    {
        var addresses = string.Join(", ", SiteHttpAddresses.Bound(services));
        if (options.Http.ApiToken is null)
        {
            // Only a token made for this run is shown; a configured one is the operator's secret and never logged.
            logger.LogWarning(
                "No everest-site.http.api-token is configured (EVEREST_SITE_API_TOKEN): this run's API token is {ApiToken}; dashboard {DashboardUrl}",
                apiToken,
                SiteHttpAddresses.DashboardUrl(services, apiToken));
        }
        else
        {
            logger.LogInformation("HTTP API and dashboard on {Addresses}", addresses);
        }
    }

    private static async Task StopAfterFailedStartAsync(IHost host, ILogger logger)
    {
        // What did start (the actor system, the journal) is shut down before the process exits.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Stopping after the failed start did not complete cleanly");
        }
    }
}
