using System.Globalization;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>The resident memory of the controller process (VmRSS from <c>/proc/PID/status</c>), as the suite judges it.</summary>
internal static class ResidentMemory
{
    /// <summary>The resident memory of a process, in MB; 0 where /proc is not there.</summary>
    public static double Megabytes(int processId) => Read(processId, "VmRSS:");

    /// <summary>The highest resident memory of a process so far (VmHWM), in MB; 0 where /proc is not there.</summary>
    public static double PeakMegabytes(int processId) => Read(processId, "VmHWM:");

    private static double Read(int processId, string field)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? 0 : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// The resident memory of a process once it stopped moving: read every second until two readings differ by less
    /// than 2 MB (at most 15 s), so that a collection or a burst in flight does not decide whether memory is flat.
    /// </summary>
    public static async Task<double> SettledMegabytesAsync(int processId)
    {
        var last = Megabytes(processId);
        for (var reading = 0; reading < 15; reading++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Megabytes(processId);
            if (Math.Abs(now - last) < 2)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
