using System.Diagnostics;

namespace Everest.Site.Benchmarks.Common;

/// <summary>Starts this benchmark program again as a separate process (a measured run that must begin from a cold start).</summary>
internal static class ChildProcess
{
    /// <summary>Runs this program with <paramref name="arguments"/> and returns the wall time from start to exit and what it printed.</summary>
    public static async Task<(TimeSpan Elapsed, string Output)> RunAsync(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {host}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = stopwatch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }

        return (elapsed, await output);
    }
}
