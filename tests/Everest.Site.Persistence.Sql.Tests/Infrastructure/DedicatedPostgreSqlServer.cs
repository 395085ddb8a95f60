using System.Diagnostics;
using Npgsql;

namespace Everest.Site.Persistence.Sql.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of its own for a test that stops and starts it, started with the repository's
/// <c>scripts/start-test-postgres.sh</c> in a temporary folder and removed with
/// <c>scripts/stop-test-postgres.sh</c>. Needs Debian's <c>postgresql</c> package; fails clearly without it.
/// </summary>
public sealed class DedicatedPostgreSqlServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"everest-site-pg-{Guid.NewGuid():N}");
    private string? _scripts;
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The server is started in InitializeAsync.");

    private string ClusterFolder => Path.Combine(_folder, "pg");

    public async Task InitializeAsync()
    {
        _scripts = FindScripts();
        Directory.CreateDirectory(_folder);
        var output = await RunAsync("bash", [Path.Combine(_scripts, "start-test-postgres.sh"), ClusterFolder]);
        _connectionString = output.Trim();
    }

    /// <summary>Stops the server the way an operator or a crash of the database host would take it away.</summary>
    public Task StopAsync() => PgCtlAsync("-m", "fast", "-w", "stop");

    /// <summary>Starts the stopped server again on the same port.</summary>
    public Task StartAsync()
    {
        var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
        return PgCtlAsync(
            "-l", Path.Combine(ClusterFolder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {ClusterFolder}", "start");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_scripts is not null)
        {
            await RunAsync("bash", [Path.Combine(_scripts, "stop-test-postgres.sh"), ClusterFolder]);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task PgCtlAsync(params string[] arguments)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(Directory.Exists).OrderBy(path => path, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian's 'postgresql' package.");
        }

        // PostgreSQL refuses to run as root; the start script runs it as the 'postgres' user then, and so must we.
        string[] pgCtl = [Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(ClusterFolder, "data"), .. arguments];
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", .. pgCtl])
            : RunAsync(pgCtl[0], pgCtl[1..]);
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }

        return await output;
    }

    /// <summary>The repository's scripts folder, found by walking up from the test binaries.</summary>
    private static string FindScripts()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var scripts = Path.Combine(folder.FullName, "scripts");
            if (File.Exists(Path.Combine(scripts, "start-test-postgres.sh")))
            {
                return scripts;
            }
        }

        throw new InvalidOperationException($"scripts/start-test-postgres.sh not found above {AppContext.BaseDirectory}.");
    }
}
