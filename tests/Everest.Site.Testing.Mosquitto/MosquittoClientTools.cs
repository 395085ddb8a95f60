using System.Diagnostics;

namespace Everest.Site.Testing.Mosquitto;

/// <summary>Runs mosquitto's own command-line clients (<c>mosquitto_sub</c>, <c>mosquitto_pub</c>) as a user would.</summary>
public static class MosquittoClientTools
{
    /// <summary>
    /// Runs <paramref name="program"/> (from Debian package mosquitto-clients) with <paramref name="arguments"/> and
    /// returns what it printed. A program still running after <paramref name="timeout"/> is killed and reported so.
    /// </summary>
    public static async Task<MosquittoClientResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(ExecutableSearch.Require(program, "mosquitto-clients"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return new MosquittoClientResult(process.ExitCode, await output, await error, timedOut);
    }
}

/// <summary>How a command-line client ended and what it printed.</summary>
public sealed record MosquittoClientResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (killed after the timeout)" : "")}; stdout: {StandardOutput}; stderr: {StandardError}";
}
