namespace Everest.Site.Tests.Hosting;

/// <summary><c>everest-site demo</c> as a real process in a temporary working directory.</summary>
public sealed class DemoCommandProcessTests
{
    [Fact]
    public async Task Demo_with_a_duration_prints_the_status_table_exits_0_and_keeps_its_journal_under_data()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:00:05");

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
            Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "everest-site.db")), "data/everest-site.db under the working directory");
            Assert.Contains("dashboard: not yet", app.StandardOutput, StringComparison.Ordinal);
            foreach (var evse in new[] { "demo-1-1", "demo-1-2", "demo-2-1", "demo-2-2" })
            {
                Assert.Contains(evse, app.StandardOutput, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_with_a_bad_duration_exits_2()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "soon");

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(2, exitCode);
            Assert.Contains("--duration 'soon'", app.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(workingDirectory, "data")), "nothing is created for a bad command line");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
