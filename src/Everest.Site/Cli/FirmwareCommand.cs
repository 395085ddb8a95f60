using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Akka.Actor;
using Everest.Site.Configuration;
using Everest.Site.Firmware;
using Everest.Site.Firmware.Events;
using Everest.Site.Firmware.RolloutEvents;
using Everest.Site.Hosting;
using Everest.Site.Http;
using Everest.Site.Persistence;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site firmware status --config FILE</c>: each charger's firmware step and boot reason, and the last
/// rollout (its canary, who installs, who is done, a halt), read from the site's journal (the system actors' and the
/// rollout's events), so it works whether the controller runs or not.
/// <c>everest-site firmware rollout --config FILE --location URL [--charger ID …]</c>: asks the running controller
/// (its HTTP API at <c>http.urls</c>, with <c>http.api-token</c>) to start a rollout.
/// Exit codes: 0 done, 1 failed (journal unreadable, controller unreachable or refusing), 2 bad input.
/// </summary>
public static class FirmwareCommand
{
    public static Command Create()
    {
        var configOption = new Option<string>("--config") { Description = "The site configuration file (HOCON).", Required = true };

        var status = new Command("status", "Print each charger's firmware step and boot reason from the site's journal.");
        status.Options.Add(configOption);
        status.SetAction((parseResult, _) => StatusAsync(parseResult.GetValue(configOption)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));

        var locationOption = new Option<string>("--location") { Description = "URL of the firmware image (http, https, or file under firmware.local-folder).", Required = true };
        var chargerOption = new Option<string[]>("--charger") { Description = "A charger to update (repeat it); default: every charger.", AllowMultipleArgumentsPerToken = true };
        var certificateOption = new Option<string?>("--signing-certificate") { Description = "File holding the PEM signing certificate." };
        var signatureOption = new Option<string?>("--signature") { Description = "Base64 signature of the image's SHA-256." };
        var urlOption = new Option<string?>("--url") { Description = "Base URL of the controller's HTTP API; default: the first of http.urls." };
        var rollout = new Command("rollout", "Start a firmware rollout on the running controller (same flow as an update from the CSMS).");
        rollout.Options.Add(configOption);
        rollout.Options.Add(locationOption);
        rollout.Options.Add(chargerOption);
        rollout.Options.Add(certificateOption);
        rollout.Options.Add(signatureOption);
        rollout.Options.Add(urlOption);
        rollout.SetAction((parseResult, cancellationToken) => RolloutAsync(
            parseResult.GetValue(configOption)!,
            new RolloutRequest(parseResult.GetValue(locationOption), parseResult.GetValue(chargerOption), null, parseResult.GetValue(signatureOption)),
            parseResult.GetValue(certificateOption),
            parseResult.GetValue(urlOption),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));

        var firmware = new Command("firmware", "Firmware steps and rollouts.");
        firmware.Subcommands.Add(status);
        firmware.Subcommands.Add(rollout);
        return firmware;
    }

    private static async Task<int> StatusAsync(string file, TextWriter output, TextWriter error)
    {
        if (CommandLineConfiguration.TryLoad(() => SiteConfiguration.Load(file), file, error) is not { } options)
        {
            return ExitCodes.BadInput;
        }

        if (options.Persistence.Provider == PersistenceProvider.Memory)
        {
            error.WriteLine("error: everest-site.persistence.provider = memory keeps no journal another process could read");
            return ExitCodes.Failure;
        }

        // Akka's own console logger would write to stdout, which carries only the table.
        var quiet = Akka.Configuration.ConfigurationFactory.ParseString("akka.stdout-loglevel = OFF\nakka.loglevel = OFF");
        var system = ActorSystem.Create("everest-site-firmware-status", SitePersistenceConfig.ActorSystemSetup(options.Persistence, quiet));
        try
        {
            var steps = new List<ChargerFirmwareStep>();
            foreach (var charger in SystemChargerPlan.From(options))
            {
                var events = await JournalRangeReader.ReplayAsync(system, charger.PersistenceId);
                steps.Add(FirmwareHistory.StepOf(charger.ChargerId, events.Select(e => e.Payload).OfType<ISystemEvent>()));
            }

            var rolloutEvents = await JournalRangeReader.ReplayAsync(system, FirmwareRolloutActor.RolloutPersistenceId);
            var rollout = FirmwareHistory.RolloutOf(rolloutEvents.Select(e => e.Payload).OfType<IRolloutEvent>());

            output.WriteLine($"{"charger",-16} {"request",8} {"step",-26} {"since",-26} {"boot reason",-16} detail");
            foreach (var step in steps)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{step.ChargerId,-16} {step.RequestId?.ToString(CultureInfo.InvariantCulture) ?? "-",8} {step.Step,-26} {step.Since?.ToString("u", CultureInfo.InvariantCulture) ?? "-",-26} {step.BootReason,-16} {step.Detail}"));
            }

            output.WriteLine(rollout is not var (summary, closed)
                ? "rollout: none"
                : $"rollout {summary.Id} ({(closed ? "closed" : "running")}): canary {summary.Canary ?? "-"}{(summary.CanaryBack ? " (back)" : "")}, " +
                  $"installing [{string.Join(", ", summary.Installing)}], done [{string.Join(", ", summary.Done)}]" +
                  (summary.Halted is null ? "" : $", halted: {summary.Halted}"));

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.Data.Common.DbException)
        {
            error.WriteLine($"error: cannot read the journal: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<int> RolloutAsync(string file, RolloutRequest request, string? certificateFile, string? url, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (CommandLineConfiguration.TryLoad(() => SiteConfiguration.Load(file), file, error) is not { } options)
        {
            return ExitCodes.BadInput;
        }

        if (certificateFile is not null)
        {
            try
            {
                request = request with { SigningCertificate = await File.ReadAllTextAsync(certificateFile, cancellationToken) };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot read --signing-certificate {certificateFile}: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        var baseUrl = url ?? options.Http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (baseUrl is null || !Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var api))
        {
            error.WriteLine("error: no HTTP API address (give --url or set everest-site.http.urls)");
            return ExitCodes.BadInput;
        }

        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(options.Http.ApiToken))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Http.ApiToken);
        }

        try
        {
            using var response = await http.PostAsJsonAsync("api/firmware/rollouts", request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine(body);
                return ExitCodes.Success;
            }

            error.WriteLine($"error: the controller answered {(int)response.StatusCode}: {body}");
            return (int)response.StatusCode is 400 or 422 ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"error: cannot reach the controller at {api}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
