using System.Text.RegularExpressions;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary><c>everest-site simulate</c> as a real process against a real mosquitto.</summary>
public sealed class SimulateCommandProcessTests
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Simulate_keeps_stdout_for_its_start_and_summary_and_logs_with_timestamps_on_stderr()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var folder = new TempConfig("");
        await using var app = AppProcess.Start(
            folder.Directory, "simulate", "--evses", "2", "--broker", $"{broker.Host}:{broker.Port}", "--time-scale", "60", "--duration", "00:05:00");

        var exitCode = await app.WaitForExitAsync(ExitPatience);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
        var stdout = app.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, stdout.Length);
        Assert.StartsWith("simulating 2 EVSEs on ", stdout[0], StringComparison.Ordinal);
        Assert.StartsWith("sessions: ", stdout[1], StringComparison.Ordinal);
        var logLines = app.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(logLines);
        Assert.All(logLines, line => Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|fail|crit|dbug|trce): "), line));
    }
}
