using System.Text.Json;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary><c>everest-site.logging.format = json</c>: what a log collector reads from <c>run</c>'s stderr.</summary>
public sealed class JsonLogsProcessTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_stderr_line_of_run_is_one_json_log_entry_and_stdout_stays_plain()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var site = new TempConfig(TwoEvseSite.Hocon(
            $"provider = external, host = \"{broker.Host}\", port = {broker.Port}, client-id = \"json-logs-{Guid.NewGuid():N}\"",
            "provider = memory") + Environment.NewLine + "everest-site.logging.format = json" + Environment.NewLine);
        await using var app = AppProcess.Start(site.Directory, "run", "--config", site.Path);

        await app.WaitForLineAsync("everest-site running:", StartPatience);
        await app.TerminateAsync();
        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        Assert.Equal("everest-site running: 2 EVSEs\n", app.StandardOutput);
        var entries = app.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, e =>
        {
            Assert.True(e.TryGetProperty("Timestamp", out _), e.ToString());
            Assert.True(e.TryGetProperty("LogLevel", out _), e.ToString());
            Assert.True(e.TryGetProperty("Category", out _), e.ToString());
        });
        var started = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Site hosting-test started", StringComparison.Ordinal));
        Assert.Equal(2, started.GetProperty("State").GetProperty("EvseCount").GetInt32());
        Assert.Contains(entries, e => e.GetProperty("Message").GetString() == "Site stopped");
    }
}
