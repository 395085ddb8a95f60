using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Everest.Site.Billing;
using Everest.Site.Billing.Corrections;
using Everest.Site.Billing.Projection;

namespace Everest.Site.Cli;

/// <summary>
/// <c>everest-site billing export|rebuild|correct</c>: charge detail records from the journal's database. Each verb
/// first brings the billing read model up to the journal (so it works with the controller stopped, and beside a running
/// one). Without <c>--config</c> the demo's configuration is used: the data <c>everest-site demo</c> wrote under ./data.
/// Exit 0 done; 1 the database failed; 2 bad command line or configuration.
/// </summary>
public static class BillingCommand
{
    public static Command Create()
    {
        var command = new Command("billing", "Charge detail records: export, rebuild the read model, correct a transaction.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Rebuild());
        command.Subcommands.Add(Correct());
        return command;
    }

    private static Option<string?> ConfigOption() => new("--config")
    {
        Description = "The site configuration file (HOCON); default: the demo's configuration (its data under ./data).",
    };

    private static Command Export()
    {
        var config = ConfigOption();
        var from = new Option<string?>("--from") { Description = "Only CDRs issued at or after this instant (ISO 8601; without an offset: UTC)." };
        var to = new Option<string?>("--to") { Description = "Only CDRs issued before this instant (ISO 8601; without an offset: UTC)." };
        var format = new Option<string>("--format") { Description = "csv, json or ocpi (OCPI 2.2.1 CDR objects).", DefaultValueFactory = _ => "csv" };
        var evse = new Option<string?>("--evse") { Description = "Only this EVSE (its id in the configuration)." };
        var token = new Option<string?>("--token") { Description = "Only transactions started with this id token." };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export the charge detail records issued in a period as CSV, JSON or OCPI 2.2.1.");
        foreach (var option in new Option[] { config, from, to, format, evse, token, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => ExportAsync(
            parse.GetValue(config),
            parse.GetValue(from),
            parse.GetValue(to),
            parse.GetValue(format)!,
            parse.GetValue(evse),
            parse.GetValue(token),
            parse.GetValue(output),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static Command Rebuild()
    {
        var config = ConfigOption();
        var command = new Command("rebuild", "Drop the billing read model and build it again from the journal (exports stay byte-identical).");
        command.Options.Add(config);
        command.SetAction((parse, cancellationToken) => RebuildAsync(parse.GetValue(config), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static Command Correct()
    {
        var config = ConfigOption();
        var session = new Option<string>("--session") { Description = "The transaction's EVerest session uuid.", Required = true };
        var kind = new Option<string>("--kind") { Description = "free (replacement costs nothing), reprice (replacement with --tariff) or void (credit only).", Required = true };
        var tariff = new Option<string?>("--tariff") { Description = "For reprice: the tariff id that prices the replacement." };
        var reason = new Option<string>("--reason") { Description = "Why (exported as the CDR remark, at most 255 characters).", Required = true };
        var by = new Option<string?>("--by") { Description = "Who corrects." };
        var command = new Command("correct", "Correct a finished transaction: stores a correction event; its CDR is credited and, unless void, replaced.");
        foreach (var option in new Option[] { config, session, kind, tariff, reason, by })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CorrectAsync(
            parse.GetValue(config),
            new CorrectionRequest(parse.GetValue(session), parse.GetValue(kind), parse.GetValue(tariff), parse.GetValue(reason), parse.GetValue(by)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> ExportAsync(
        string? file,
        string? fromText,
        string? toText,
        string formatText,
        string? evse,
        string? token,
        string? outFile,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (!TryInstant("--from", fromText, error, out var from) || !TryInstant("--to", toText, error, out var to))
        {
            return ExitCodes.BadInput;
        }

        if (!Enum.TryParse<CdrFormat>(formatText, ignoreCase: true, out var format) || !Enum.IsDefined(format) || char.IsDigit(formatText[0]))
        {
            await error.WriteLineAsync($"error: --format '{formatText}' is not one of csv, json, ocpi");
            return ExitCodes.BadInput;
        }

        if (from is { } f && to is { } t && t <= f)
        {
            await error.WriteLineAsync("error: --to must be after --from");
            return ExitCodes.BadInput;
        }

        if (OfflineBilling.TryOpen(file, error) is not { } billing)
        {
            return ExitCodes.BadInput;
        }

        await using (billing)
        {
            try
            {
                await billing.CatchUpAsync(error, cancellationToken);
                var export = new CdrExport(billing.ReadModel, billing.Site);
                var filter = new CdrFilter(from, to, evse, token);
                int count;
                if (outFile is null)
                {
                    await using var stream = new TextWriterStream(output);
                    count = await export.WriteAsync(filter, format, stream, cancellationToken);
                    await output.FlushAsync(cancellationToken);
                }
                else
                {
                    await using var stream = new FileStream(outFile, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                    count = await export.WriteAsync(filter, format, stream, cancellationToken);
                }

                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"exported {count} CDRs ({format.ToString().ToLowerInvariant()}) from {billing.ReadModel.Database.Description}"));
                return ExitCodes.Success;
            }
            catch (BillingExportException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException or AggregateException)
            {
                await error.WriteLineAsync($"error: billing export failed: {e.Message}");
                return ExitCodes.Failure;
            }
        }
    }

    private static async Task<int> RebuildAsync(string? file, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (OfflineBilling.TryOpen(file, error) is not { } billing)
        {
            return ExitCodes.BadInput;
        }

        await using (billing)
        {
            try
            {
                await billing.ReadModel.DropAsync(cancellationToken);
                var applied = await billing.CatchUpAsync(error, cancellationToken);
                var offset = await billing.ReadModel.OffsetAsync(cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"billing read model rebuilt from {applied} journal events (offset {offset}) in {billing.ReadModel.Database.Description}"));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or ProjectionConflictException or AggregateException)
            {
                await error.WriteLineAsync($"error: billing rebuild failed: {e.Message}");
                return ExitCodes.Failure;
            }
        }
    }

    private static async Task<int> CorrectAsync(string? file, CorrectionRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (OfflineBilling.TryOpen(file, error) is not { } billing)
        {
            return ExitCodes.BadInput;
        }

        await using (billing)
        {
            try
            {
                await billing.CatchUpAsync(error, cancellationToken);
                var corrections = new BillingCorrections(billing.ReadModel, billing.Site, TimeProvider.System);
                var (correction, problems) = await corrections.ValidateAsync(request, cancellationToken);
                if (correction is null)
                {
                    foreach (var (field, messages) in problems)
                    {
                        await error.WriteLineAsync($"error: {OptionOf(field)} {string.Join("; ", messages)}");
                    }

                    return ExitCodes.BadInput;
                }

                await BillingCorrections.StoreAsync(billing.System, correction);
                await billing.CatchUpAsync(error, cancellationToken);
                var issued = (await new CdrExport(billing.ReadModel, billing.Site).RecordsAsync(new CdrFilter(From: correction.At), cancellationToken))
                    .Where(r => r.SessionUuid == correction.SessionUuid && r.IssuedAt == correction.At);
                foreach (var record in issued)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{record.Kind.ToString().ToLowerInvariant()} {record.Id} total {record.Cost.Total.ToString("F" + Domain.Billing.Tariffs.Money.MinorUnitDigits(record.Currency), CultureInfo.InvariantCulture)} {record.Currency}"));
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or Akka.Actor.AskTimeoutException or AggregateException)
            {
                await error.WriteLineAsync($"error: billing correction failed: {e.Message}");
                return ExitCodes.Failure;
            }
        }
    }

    private static string OptionOf(string field) => field switch
    {
        "session_uuid" => "--session",
        "tariff_id" => "--tariff",
        _ => "--" + field,
    };

    private static bool TryInstant(string name, string? text, TextWriter error, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        error.WriteLine($"error: {name} '{text}' is not an ISO 8601 date or instant (e.g. 2026-03-01 or 2026-03-01T00:00:00+01:00)");
        return false;
    }
}
