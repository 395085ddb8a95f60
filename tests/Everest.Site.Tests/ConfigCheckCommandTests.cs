using System.CommandLine;
using System.Text.Json;
using Everest.Site.Cli;

namespace Everest.Site.Tests;

/// <summary><c>everest-site config check</c> as a script would use it: exit codes, stdout and stderr.</summary>
public sealed class ConfigCheckCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_valid_file_prints_the_annotated_tree_and_exits_0()
    {
        var (exitCode, output, error) = await Run("config", "check", "--config", RepositoryFiles.Hocon("site.conf"));
        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains("max-current-a = 125  # ", output, StringComparison.Ordinal);
        Assert.Contains("site.conf:", output, StringComparison.Ordinal);
        Assert.Contains("reference.conf:", output, StringComparison.Ordinal);
        Assert.Contains("configuration OK: site 'depot-1', 3 chargers, 6 EVSEs, 2 circuits", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_the_resolved_tree_with_typed_values()
    {
        var (exitCode, output, error) = await Run("config", "check", "--config", RepositoryFiles.Hocon("site.conf"), "--json");
        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var site = json.RootElement.GetProperty("everest-site");
        Assert.Equal(JsonValueKind.Number, site.GetProperty("grid").GetProperty("max-current-a").ValueKind);
        Assert.Equal(125, site.GetProperty("grid").GetProperty("max-current-a").GetInt32());
        Assert.Equal(JsonValueKind.False, site.GetProperty("grid").GetProperty("use-csms-schedules").ValueKind);
        Assert.Equal("30s", site.GetProperty("mqtt").GetProperty("keep-alive").GetString());
        Assert.Equal(3, site.GetProperty("chargers").GetArrayLength());
        Assert.Equal("L2L3L1", site.GetProperty("chargers")[0].GetProperty("evses")[1].GetProperty("phase-rotation").GetString());
        Assert.True(site.TryGetProperty("everest-api", out _));
        Assert.True(json.RootElement.TryGetProperty("templates", out _));
    }

    [Fact]
    public async Task No_defaults_prints_the_file_alone()
    {
        var (exitCode, output, error) = await Run("config", "check", "--config", RepositoryFiles.Hocon("site.conf"), "--json", "--no-defaults");
        Assert.True(exitCode == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var site = json.RootElement.GetProperty("everest-site");
        Assert.False(site.TryGetProperty("everest-api", out _));
        Assert.False(site.GetProperty("mqtt").TryGetProperty("client-id", out _));
        Assert.Equal("depot-1", site.GetProperty("site-id").GetString());
    }

    [Fact]
    public async Task A_syntax_error_prints_file_line_column_and_expectation_and_exits_2()
    {
        using var file = new TempConfig("everest-site {\n  grid.max-current-a = [1\n}\n");
        var (exitCode, output, error) = await Run("config", "check", "--config", file.Path);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"{file.Path}:3:1: expected an array element, ',' or ']'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_prints_the_key_and_its_origin_and_exits_2()
    {
        using var file = new TempConfig("everest-site {\n  grid.max-current-a = \"lots\"\n}\n");
        var (exitCode, output, error) = await Run("config", "check", "--config", file.Path, "--json");
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"everest-site:grid:max-current-a ({file.Path}:2:24): expected a number, found 'lots'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_defaults_still_reports_wrong_types_and_unknown_keys()
    {
        using var file = new TempConfig("everest-site.grid { max-current-a = lots, colour = red }");
        var (exitCode, _, error) = await Run("config", "check", "--config", file.Path, "--no-defaults");
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("everest-site:grid:max-current-a", error, StringComparison.Ordinal);
        Assert.Contains("unknown key 'colour'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_2_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.conf");
        var (exitCode, _, error) = await Run("config", "check", "--config", missing);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_optional_include_is_a_warning_on_stderr()
    {
        using var file = new TempConfig("include \"local.conf\"\neverest-site.site-id = x");
        var (exitCode, _, error) = await Run("config", "check", "--config", file.Path);
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("warning: ", error, StringComparison.Ordinal);
        Assert.Contains("local.conf", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_without_a_trusted_firmware_CA_is_warned_about_and_so_are_revocations_it_cannot_check()
    {
        using var file = new TempConfig($"include \"{RepositoryFiles.Hocon("site.conf")}\"\neverest-site.firmware.revoked-serials = [\"1A2B\"]");
        var (exitCode, _, error) = await Run("config", "check", "--config", file.Path);
        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains("warning: everest-site.firmware.trusted-ca-file is empty", error, StringComparison.Ordinal);
        Assert.Contains("unsigned images are installed", error, StringComparison.Ordinal);
        Assert.Contains("warning: everest-site.firmware.revoked-serials lists 1 serial(s), but without trusted-ca-file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_trusted_firmware_CA_is_a_problem_and_exits_2()
    {
        using var file = new TempConfig($"include \"{RepositoryFiles.Hocon("site.conf")}\"\neverest-site.firmware.trusted-ca-file = \"no-such-ca.pem\"");
        var (exitCode, _, error) = await Run("config", "check", "--config", file.Path);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("trusted-ca-file", error, StringComparison.Ordinal);
        Assert.Contains("'no-such-ca.pem' is not a readable certificate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("trusted-ca-file is empty", error, StringComparison.Ordinal);
    }
}
