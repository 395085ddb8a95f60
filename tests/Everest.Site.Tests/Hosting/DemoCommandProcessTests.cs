using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Everest.Site.Testing.Mosquitto;

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
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:00:05", "--port", "0", "--http-port", "0");

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
            var journal = Path.Combine(workingDirectory, "data", "everest-site.db");
            Assert.True(File.Exists(journal), "data/everest-site.db under the working directory");
            Assert.False(File.Exists(journal + "-wal"), "the journal was closed at the end: no write-ahead log is left beside it");
            if (!OperatingSystem.IsWindows())
            {
                // The demo creates data/ before the journal does (its firmware image goes there): owner only all the same.
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(journal)!));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
            }

            Assert.Matches(@"(?m)^dashboard: http://127\.0\.0\.1:\d+/#token=[A-Za-z0-9_-]{43}$", app.StandardOutput);
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
    public async Task Mosquitto_sub_sees_the_everest_api_traffic_on_the_demo_broker_it_prints()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:00:30", "--port", "0", "--http-port", "0");
            var line = await app.WaitForLineAsync("MQTT broker:", TimeSpan.FromSeconds(60));
            var match = Regex.Match(line, @"^MQTT broker: 127\.0\.0\.1:(?<port>\d+) \(watch with: mosquitto_sub -h 127\.0\.0\.1 -p \k<port> -t 'everest_api/#' -v\)$");
            Assert.True(match.Success, line);

            // What the printed hint tells a user to run, stopping after five messages.
            var watched = await MosquittoClientTools.RunAsync(
                "mosquitto_sub",
                ["-h", "127.0.0.1", "-p", match.Groups["port"].Value, "-t", "everest_api/#", "-v", "-C", "5", "-W", "25"],
                TimeSpan.FromSeconds(40));

            Assert.True(watched.ExitCode == 0, $"{watched}; demo stderr: {app.StandardError}");
            var lines = watched.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, lines.Length);
            Assert.All(lines, l => Assert.Matches(@"^everest_api/1/(evse_manager_consumer|system|external_energy_limits_consumer|ocpp_consumer|session_cost)/\w+/(e2m|m2e)/\S+ ", l));
            await app.TerminateAsync();
            Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task The_demos_health_names_the_broker_it_printed_and_its_fast_clock_does_not_make_billing_look_behind()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:02:00", "--port", "0", "--http-port", "0");
            var brokerLine = await app.WaitForLineAsync("MQTT broker:", TimeSpan.FromSeconds(60));
            var printedBroker = Regex.Match(brokerLine, @"^MQTT broker: (?<address>127\.0\.0\.1:\d+) ").Groups["address"].Value;
            var dashboardLine = await app.WaitForLineAsync("dashboard: ", TimeSpan.FromSeconds(60));
            var dashboard = new Uri(dashboardLine["dashboard: ".Length..]);
            using var http = new HttpClient { BaseAddress = new Uri(dashboard.GetLeftPart(UriPartial.Authority)) };

            // The billing projection reports its lag from its first commit, once the demo's first car has arrived
            // (every six wall seconds on average); by then the demo's clock is minutes ahead of the wall.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            JsonElement health;
            while (true)
            {
                using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/health", UriKind.Relative), deadline.Token));
                health = document.RootElement.Clone();
                if (Check(health, "projections").GetProperty("data") is { ValueKind: JsonValueKind.Object } lags && lags.TryGetProperty("billing", out _))
                {
                    break;
                }

                await Task.Delay(250, deadline.Token);
            }

            Assert.Equal(printedBroker, Check(health, "mqtt-broker").GetProperty("data").GetProperty("broker").GetString());
            Assert.True(Check(health, "projections").GetProperty("status").GetString() == "Healthy", health.ToString());
            await app.TerminateAsync();
            Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        static JsonElement Check(JsonElement health, string name) =>
            health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Demo_on_a_port_in_use_fails_with_a_clear_message()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:00:05", "--port", port, "--http-port", "0");

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, exitCode);
            Assert.Contains($"127.0.0.1:{port}: the port is already in use", app.StandardError, StringComparison.Ordinal);
            Assert.Contains("--port", app.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_with_its_dashboard_port_in_use_fails_naming_the_http_port_option()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--duration", "00:00:05", "--port", "0", "--http-port", port);

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, exitCode);
            Assert.Contains($"127.0.0.1:{port}", app.StandardError, StringComparison.Ordinal);
            Assert.Contains("--http-port", app.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("65536")]
    public async Task Demo_with_an_http_port_out_of_range_exits_2(string port)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--http-port", port);

            Assert.Equal(2, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains($"--http-port {port}", app.StandardError, StringComparison.Ordinal);
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

    [Fact]
    public async Task Demo_with_evses_and_speed_runs_that_many_evses_at_that_time_scale()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", "--evses", "7", "--speed", "120", "--duration", "00:00:05", "--port", "0", "--http-port", "0");

            var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:{Environment.NewLine}{app.StandardError}");
            Assert.Contains("everest-site demo: 7 EVSEs, 7 simulated, one real second is 120 simulated seconds", app.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("demo-4-1", app.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("demo-4-2", app.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--evses", "0")]
    [InlineData("--evses", "201")]
    [InlineData("--evses", "-3")]
    [InlineData("--evses", "many")]
    [InlineData("--speed", "0")]
    [InlineData("--speed", "-60")]
    [InlineData("--speed", "NaN")]
    [InlineData("--speed", "Infinity")]
    [InlineData("--speed", "fast")]
    public async Task Demo_with_a_bad_evse_count_or_speed_exits_2_naming_the_option(string option, string value)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("everest-site-demo-").FullName;
        try
        {
            await using var app = AppProcess.Start(workingDirectory, "demo", option, value);

            Assert.Equal(2, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains(option, app.StandardError, StringComparison.Ordinal);
            Assert.Contains(value, app.StandardError, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(workingDirectory, "data")), "nothing is created for a bad command line");
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
