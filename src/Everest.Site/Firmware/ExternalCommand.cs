using System.Diagnostics;

namespace Everest.Site.Firmware;

/// <summary>Runs a configured command (install, reset, set time) with arguments, never through a shell.</summary>
public static class ExternalCommand
{
    /// <summary>The exit code, or null with the reason when it could not start or ran past <paramref name="timeout"/> (then it is killed).</summary>
    public static async Task<(int? ExitCode, string? Failure)> RunAsync(string command, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"'{command}' could not be started: {e.Message}");
        }

        if (process is null)
        {
            return (null, $"'{command}' could not be started");
        }

        using (process)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                return (process.ExitCode, null);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (null, $"'{command}' ran longer than {timeout} and was killed");
            }
        }
    }
}
