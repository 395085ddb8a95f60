using System.Diagnostics;
using System.Globalization;
using Everest.Site.Actors.TestKit.Tck;

namespace Everest.Site.Persistence.Sql.Tests;

public abstract partial class SqlProviderTests
{
    /// <summary>Must match the crash writer: its streams are crash-0 … crash-31, written three events at a time.</summary>
    private const int CrashStreams = 32;

    private const int CrashEventsPerWrite = 3;

    /// <summary>Provider and target arguments of the crash writer for this test's database.</summary>
    protected abstract IReadOnlyList<string> CrashWriterArguments { get; }

    [Fact]
    public async Task Every_acknowledged_event_survives_a_kill_9_in_the_middle_of_a_batch_and_no_write_is_half_stored()
    {
        var acknowledged = await RunCrashWriterUntilKilledAsync(acknowledgementsBeforeKill: 300);

        await using var persistence = await SqlPersistence.CreateAsync(Settings);
        for (var stream = 0; stream < CrashStreams; stream++)
        {
            var id = $"crash-{stream}";
            var stored = await TckEvents.ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue));
            var highest = stored.Count == 0 ? 0 : stored[^1].SequenceNr;

            Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => (long)n), stored.Select(e => e.SequenceNr));
            Assert.True(highest % CrashEventsPerWrite == 0, $"{id} ends at {highest}: part of an atomic write was stored.");
            Assert.True(
                highest >= acknowledged.GetValueOrDefault(id),
                $"{id}: sequence number {acknowledged.GetValueOrDefault(id)} was acknowledged but only {highest} survived.");
        }

        // The journal is writable again after the crash.
        var next = await persistence.Journal.ReadHighestSequenceNrAsync("crash-0") + 1;
        await persistence.Journal.WriteAsync(TckEvents.Write("crash-0", next, next));
        Assert.Equal(next, await persistence.Journal.ReadHighestSequenceNrAsync("crash-0"));
    }

    /// <summary>
    /// Starts the crash writer, waits for <paramref name="acknowledgementsBeforeKill"/> acknowledged writes,
    /// kills it with SIGKILL while it keeps writing, and returns the highest acknowledged sequence number
    /// per stream (every line it printed before it died).
    /// </summary>
    private async Task<Dictionary<string, long>> RunCrashWriterUntilKilledAsync(int acknowledgementsBeforeKill)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Everest.Site.Persistence.Sql.CrashWriter.dll");
        Assert.True(File.Exists(writer), $"The crash writer was not built next to the tests: {writer}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        foreach (var argument in CrashWriterArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The crash writer did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        using var patience = new CancellationTokenSource(TckEvents.Patience);
        try
        {
            while (count < acknowledgementsBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(patience.Token)
                    ?? throw new InvalidOperationException($"The crash writer exited early: {await errors}");
                count += Record(line, acknowledged) ? 1 : 0;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no cleanup, no flush, like a power cut to the process
        }

        // Lines already in the pipe were printed after their writes were acknowledged: they count too.
        while (await process.StandardOutput.ReadLineAsync(patience.Token) is { } rest)
        {
            Record(rest, acknowledged);
        }

        await process.WaitForExitAsync(patience.Token);
        return acknowledged;
    }

    /// <summary>Records a complete "id seq" line; ignores the ready line and a line cut short by the kill.</summary>
    private static bool Record(string line, Dictionary<string, long> acknowledged)
    {
        var parts = line.Split(' ');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNr)
            || sequenceNr % CrashEventsPerWrite != 0)
        {
            return false;
        }

        acknowledged[parts[0]] = Math.Max(acknowledged.GetValueOrDefault(parts[0]), sequenceNr);
        return true;
    }
}
