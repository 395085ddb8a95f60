namespace Everest.Site.Simulator.Evse;

/// <summary>One entry of an external limit schedule: from <paramref name="Start"/> on, this limit applies.</summary>
public sealed record ExternalLimitEntry(DateTimeOffset Start, CurrentLimit Limit);

/// <summary>
/// The import schedule last received through <c>set_external_limits</c>, reduced to a per-phase current.
/// EVerest's rules: the first entry applies at once even if its timestamp is in the future; later entries
/// apply from their timestamp; the last entry stays in force forever after the schedule ends.
/// </summary>
public sealed class ExternalLimitSchedule
{
    private readonly ExternalLimitEntry[] _entries;

    public ExternalLimitSchedule(IEnumerable<ExternalLimitEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.Start)];
    }

    /// <summary>No external limit at all (the state before the first <c>set_external_limits</c>).</summary>
    public static ExternalLimitSchedule Unlimited { get; } = new([]);

    public IReadOnlyList<ExternalLimitEntry> Entries => _entries;

    public CurrentLimit LimitAt(DateTimeOffset now)
    {
        if (_entries.Length == 0)
        {
            return CurrentLimit.None;
        }

        var active = _entries[0];
        foreach (var entry in _entries)
        {
            if (entry.Start <= now)
            {
                active = entry;
            }
        }

        return active.Limit;
    }
}
