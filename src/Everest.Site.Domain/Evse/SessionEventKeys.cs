using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Evse;

/// <summary>
/// The most recent session lifecycle events of an EVSE's history (SessionStarted, TransactionStarted,
/// TransactionFinished, SessionFinished), as "type:uuid" keys, oldest first and at most <see cref="Capacity"/> of them:
/// enough to recognise an event the broker delivers again after a crash, or a replay of the last sessions, while the
/// snapshot stays small. Value equality over the keys.
/// </summary>
public sealed record SessionEventKeys(IReadOnlyList<string> Keys)
{
    /// <summary>How many keys are kept: the lifecycle of the last 16 sessions.</summary>
    public const int Capacity = 64;

    public static SessionEventKeys Empty { get; } = new([]);

    private const string ReconciledTransactionFinished = "ReconciledTransactionFinished";

    /// <summary>The key of a lifecycle event; null for any other event.</summary>
    public static string? KeyOf(IEvseHistoryEvent historyEvent) => historyEvent switch
    {
        SessionStarted e => Key(nameof(SessionStarted), e.SessionUuid),
        TransactionStarted e => Key(nameof(TransactionStarted), e.SessionUuid),
        // A close we reconstructed is not EVerest's finish: EVerest's own, arriving later, is new (it supersedes ours).
        TransactionFinished { Reconciled: true } e => Key(ReconciledTransactionFinished, e.SessionUuid),
        TransactionFinished e => Key(nameof(TransactionFinished), e.SessionUuid),
        SessionFinished e => Key(nameof(SessionFinished), e.SessionUuid),
        _ => null,
    };

    /// <summary>The key of <paramref name="type"/> (a lifecycle event's type name) for <paramref name="sessionUuid"/>.</summary>
    public static string KeyFor(string type, string sessionUuid) => Key(type, sessionUuid);

    public bool Contains(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <summary>These keys and <paramref name="key"/>, the oldest forgotten beyond <see cref="Capacity"/>.</summary>
    public SessionEventKeys With(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var skip = Math.Max(0, Keys.Count + 1 - Capacity);
        return new SessionEventKeys([.. Keys.Skip(skip), key]);
    }

    public bool Equals(SessionEventKeys? other) => other is not null && Keys.SequenceEqual(other.Keys, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var key in Keys)
        {
            hash.Add(key, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static string Key(string type, string uuid) => string.Concat(type, ":", uuid);
}
