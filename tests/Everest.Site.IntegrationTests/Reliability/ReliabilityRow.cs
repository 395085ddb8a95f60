using System.Globalization;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>One row of the reliability table: a fault, and what the journal holds afterwards against the ground truth.</summary>
/// <param name="Expected">Sessions the simulator ran to the end of their transaction.</param>
/// <param name="Stored">Sessions with exactly one TransactionStarted and one TransactionFinished, energy within 1 Wh.</param>
/// <param name="Lost">Sessions missing a start or an end, or whose stored energy is off by more than 1 Wh.</param>
/// <param name="Duplicated">Sessions stored more than once, plus transactions the simulator never ran.</param>
/// <param name="MemoryStartMb">The controller's resident memory a few seconds into the run, before the fault.</param>
/// <param name="MemoryEndMb">Its resident memory after the fault, every car finished and a settle (see <see cref="ReliabilityRun"/>).</param>
internal sealed record ReliabilityRow(
    string Fault,
    string Database,
    int Expected,
    int Stored,
    int Lost,
    int Duplicated,
    int SequenceGaps,
    bool Alive,
    double MemoryStartMb,
    double MemoryEndMb,
    string Notes)
{
    /// <summary>
    /// How far the controller's resident memory may grow over a row and still count as flat. A clean run grows by
    /// 20–90 MB (the runtime's heap sizing to the load, caches of the journal and the read models); the leak of issue
    /// 14 (2,000 long topic names) grew it by 280 MB.
    /// </summary>
    public const double MemoryGrowthBoundMb = 96;

    /// <summary>
    /// How far the settled resident memory may grow over the second of two equal bursts of hostile input. The first
    /// burst sizes the heap (70–80 MB under the server GC for 100,000 payloads); a second equal burst grew it by 1–3 MB,
    /// as a heap that has sized itself does. Input that is retained grows it again: 32 MB is 320 bytes per payload of a
    /// 100,000 burst, about 1/200 of the 60 kB strings the burst carries.
    /// </summary>
    public const double RepeatedBurstBoundMb = 32;

    /// <summary>Set for a fault played as two equal bursts: the settled memory's growth over the second burst.</summary>
    public double? RepeatedBurstGrowthMb { get; init; }

    /// <summary>
    /// Memory is flat when the growth over a second, equal burst stays within <see cref="RepeatedBurstBoundMb"/> (rows
    /// played twice), otherwise when the growth over the whole row stays within <see cref="MemoryGrowthBoundMb"/>.
    /// </summary>
    public bool MemoryFlat => RepeatedBurstGrowthMb is { } repeated
        ? repeated <= RepeatedBurstBoundMb
        : MemoryEndMb - MemoryStartMb <= MemoryGrowthBoundMb;

    public bool Passed => Lost == 0 && Duplicated == 0 && SequenceGaps == 0 && Alive && MemoryFlat;

    public string ToTabSeparated() => string.Join('\t',
        Fault, Database, Expected.ToString(CultureInfo.InvariantCulture), Stored.ToString(CultureInfo.InvariantCulture),
        Lost.ToString(CultureInfo.InvariantCulture), Duplicated.ToString(CultureInfo.InvariantCulture),
        SequenceGaps.ToString(CultureInfo.InvariantCulture), Alive ? "yes" : "NO",
        MemoryStartMb.ToString("0", CultureInfo.InvariantCulture), MemoryEndMb.ToString("0", CultureInfo.InvariantCulture), MemoryFlat ? "yes" : "NO", Notes);

    /// <summary>Appends the row to the script's table file when one is set.</summary>
    public void AppendToTable()
    {
        if (Environment.GetEnvironmentVariable(ReliabilitySize.TableVariable) is { Length: > 0 } path)
        {
            File.AppendAllLines(path, [ToTabSeparated()]);
        }
    }
}
