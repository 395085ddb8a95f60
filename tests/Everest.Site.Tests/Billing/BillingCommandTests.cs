using System.CommandLine;
using System.Text.Json;
using Everest.Site.Cli;

namespace Everest.Site.Tests.Billing;

/// <summary>
/// <c>everest-site billing export|rebuild|correct</c> as an operator or a script uses them, on a SQLite journal written
/// by actors persisting as the EVSE actors do: exit codes, the three formats, byte-identical exports after a rebuild,
/// corrections as credit and replacement.
/// </summary>
public sealed class BillingCommandTests : IDisposable
{
    private readonly BillingTestSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Export_writes_every_finished_transaction_in_each_format_and_ocpi_is_valid()
    {
        await _site.WriteJournalAsync();

        var csv = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "csv");
        var json = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "json");
        var ocpi = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "ocpi");

        Assert.True(csv.ExitCode == ExitCodes.Success, csv.Error);
        var lines = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("cdr_id,kind,", lines[0], StringComparison.Ordinal);
        Assert.Contains("exported 3 CDRs (csv)", csv.Error, StringComparison.Ordinal);
        using var jsonDocument = JsonDocument.Parse(json.Output);
        Assert.Equal(["session-1", "session-2", "session-3"], jsonDocument.RootElement.EnumerateArray().Select(c => c.GetProperty("session_uuid").GetString()));
        Assert.All(jsonDocument.RootElement.EnumerateArray(), c => Assert.Equal("5000", c.GetProperty("energy_wh").GetRawText()));
        using var ocpiDocument = JsonDocument.Parse(ocpi.Output);
        Assert.Equal(3, ocpiDocument.RootElement.GetArrayLength());
        Assert.All(ocpiDocument.RootElement.EnumerateArray(), cdr => Assert.Empty(OcpiCdrValidator.Validate(cdr)));
    }

    [Fact]
    public async Task Filters_select_by_issue_time_evse_and_token_and_out_writes_a_file()
    {
        await _site.WriteJournalAsync();
        var file = Path.Combine(_site.Directory, "cdrs.csv");

        // Session n stops at 08:00:15 + n hours on 2026-03-14 (UTC): session 2 at 10:00:15.
        var period = await Run("billing", "export", "--config", _site.ConfigPath, "--from", "2026-03-14T09:30:00Z", "--to", "2026-03-14T10:30:00Z", "--out", file);
        var evse = await Run("billing", "export", "--config", _site.ConfigPath, "--evse", "cp-2-1", "--format", "json");
        var token = await Run("billing", "export", "--config", _site.ConfigPath, "--token", "nobody", "--format", "json");

        Assert.True(period.ExitCode == ExitCodes.Success, period.Error);
        Assert.Equal("", period.Output);
        var rows = File.ReadAllLines(file).Skip(1).ToList();
        Assert.Single(rows);
        Assert.Contains("session-2", rows[0], StringComparison.Ordinal);
        Assert.Equal(["session-2"], JsonDocument.Parse(evse.Output).RootElement.EnumerateArray().Select(c => c.GetProperty("session_uuid").GetString()));
        Assert.Equal("[]", token.Output.Trim());
    }

    [Fact]
    public async Task Rebuild_drops_and_rebuilds_the_read_model_and_every_export_stays_byte_identical()
    {
        await _site.WriteJournalAsync();
        var before = new List<string>();
        foreach (var format in new[] { "csv", "json", "ocpi" })
        {
            before.Add((await Run("billing", "export", "--config", _site.ConfigPath, "--format", format)).Output);
        }

        var rebuild = await Run("billing", "rebuild", "--config", _site.ConfigPath);

        Assert.True(rebuild.ExitCode == ExitCodes.Success, rebuild.Error);
        Assert.Contains("billing read model rebuilt from", rebuild.Output, StringComparison.Ordinal);
        var after = new List<string>();
        foreach (var format in new[] { "csv", "json", "ocpi" })
        {
            after.Add((await Run("billing", "export", "--config", _site.ConfigPath, "--format", format)).Output);
        }

        Assert.Equal(before, after);
        Assert.All(before, export => Assert.Contains("session-3", export, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_free_correction_credits_the_cdr_and_issues_a_replacement_at_zero_and_survives_a_rebuild()
    {
        await _site.WriteJournalAsync();

        var correct = await Run("billing", "correct", "--config", _site.ConfigPath, "--session", "session-2", "--kind", "free", "--reason", "charger fault", "--by", "ops");

        Assert.True(correct.ExitCode == ExitCodes.Success, correct.Error);
        var issued = correct.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, issued.Length);
        Assert.StartsWith("credit session-2-C total -2.50 EUR", issued[0], StringComparison.Ordinal);
        Assert.StartsWith("replacement ", issued[1], StringComparison.Ordinal);
        Assert.EndsWith("total 0.00 EUR", issued[1].TrimEnd(), StringComparison.Ordinal);

        var export = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "json");
        await Run("billing", "rebuild", "--config", _site.ConfigPath);
        var rebuilt = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "json");

        var kinds = JsonDocument.Parse(export.Output).RootElement.EnumerateArray()
            .Where(c => c.GetProperty("session_uuid").GetString() == "session-2")
            .Select(c => c.GetProperty("kind").GetString());
        Assert.Equal(["original", "credit", "replacement"], kinds);
        Assert.Equal(export.Output, rebuilt.Output);
    }

    [Theory]
    [InlineData("--session", "session-9", "--kind", "free", "--reason", "x", "--session names no transaction")]
    [InlineData("--session", "session-1", "--kind", "gratis", "--reason", "x", "--kind must be one of free, reprice, void")]
    [InlineData("--session", "session-1", "--kind", "reprice", "--reason", "x", "--tariff is required for kind reprice")]
    [InlineData("--session", "session-1", "--kind", "free", "--reason", " ", "--reason is required")]
    public async Task A_bad_correction_exits_2_naming_the_option_and_stores_nothing(string o1, string v1, string o2, string v2, string o3, string v3, string message)
    {
        await _site.WriteJournalAsync();

        var result = await Run("billing", "correct", "--config", _site.ConfigPath, o1, v1, o2, v2, o3, v3);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        var export = await Run("billing", "export", "--config", _site.ConfigPath, "--format", "json");
        Assert.Equal(3, JsonDocument.Parse(export.Output).RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("--format", "xml", "--format 'xml' is not one of csv, json, ocpi")]
    [InlineData("--from", "yesterday", "--from 'yesterday' is not an ISO 8601 date or instant")]
    [InlineData("--from", "2021-01-01 --to 2020-01-01", "--to must be after --from")]
    public async Task A_bad_export_option_exits_2_with_the_reason(string option, string values, string message)
    {
        var result = await Run(["billing", "export", "--config", _site.ConfigPath, option, .. values.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_configuration_keeping_the_journal_in_memory_exits_2()
    {
        using var memory = new TempConfig("everest-site.persistence.provider = memory\n");

        var result = await Run("billing", "export", "--config", memory.Path);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("keeps no history to bill from", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_database_exports_only_the_header()
    {
        var result = await Run("billing", "export", "--config", _site.ConfigPath);

        Assert.True(result.ExitCode == ExitCodes.Success, result.Error);
        Assert.StartsWith("cdr_id,", result.Output, StringComparison.Ordinal);
        Assert.Single(result.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
