namespace Everest.Site.Domain.Allocation;

/// <summary>The allocator's memory after a run, passed into the next run (and kept by the site actor).</summary>
public sealed class AllocationState
{
    private readonly EvseMemory[] _evses;
    private Dictionary<string, int>? _index;

    public AllocationState(IEnumerable<EvseMemory> evses)
    {
        ArgumentNullException.ThrowIfNull(evses);
        _evses = [.. evses];
    }

    private AllocationState(EvseMemory[] evses, bool owned) => _evses = owned ? evses : [.. evses];

    /// <summary>Nothing remembered: the first run.</summary>
    public static AllocationState Empty { get; } = new([], owned: true);

    public IReadOnlyList<EvseMemory> Evses => _evses;

    /// <summary>The memory of <paramref name="evseId"/>; <paramref name="hint"/> is where it was last time (the common case costs no lookup).</summary>
    public bool TryGet(string evseId, int hint, out EvseMemory memory)
    {
        if ((uint)hint < (uint)_evses.Length && string.Equals(_evses[hint].EvseId, evseId, StringComparison.Ordinal))
        {
            memory = _evses[hint];
            return true;
        }

        if (_evses.Length == 0)
        {
            memory = default;
            return false;
        }

        _index ??= BuildIndex(_evses);
        if (_index.TryGetValue(evseId, out var at))
        {
            memory = _evses[at];
            return true;
        }

        memory = default;
        return false;
    }

    internal static AllocationState Own(EvseMemory[] evses) => new(evses, owned: true);

    private static Dictionary<string, int> BuildIndex(EvseMemory[] evses)
    {
        var index = new Dictionary<string, int>(evses.Length, StringComparer.Ordinal);
        for (var i = 0; i < evses.Length; i++)
        {
            index[evses[i].EvseId] = i;
        }

        return index;
    }
}
