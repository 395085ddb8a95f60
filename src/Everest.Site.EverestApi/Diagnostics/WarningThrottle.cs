namespace Everest.Site.EverestApi;

/// <summary>
/// Lets one warning line per kind through per interval and counts the rest, so a flood of bad input costs a
/// bounded number of log lines: the line that is let through says how many like it were held back since the
/// previous one. Kinds are chosen by the code (a fixed set), never taken from the input, so memory stays bounded.
/// Thread-safe.
/// </summary>
public sealed class WarningThrottle
{
    /// <summary>The interval used when none is given: at most one line per kind per minute.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider time;
    private readonly TimeSpan interval;

    /// <summary>Per kind: when the next line may be written, and how many were held back since the last one.</summary>
    private readonly Dictionary<string, (DateTimeOffset NextLine, long HeldBack)> kinds = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public WarningThrottle(TimeProvider time, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        this.interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.interval, TimeSpan.Zero, nameof(interval));
    }

    /// <summary>
    /// True when a line of <paramref name="kind"/> may be written now; <paramref name="heldBack"/> is then the number
    /// of occurrences held back since the previous line (0 for the first). False counts this occurrence as held back.
    /// </summary>
    public bool ShouldLog(string kind, out long heldBack)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (kinds.TryGetValue(kind, out var state) && now < state.NextLine)
            {
                kinds[kind] = state with { HeldBack = state.HeldBack + 1 };
                heldBack = 0;
                return false;
            }

            heldBack = state.HeldBack;
            kinds[kind] = (now + interval, 0);
            return true;
        }
    }
}
