using Everest.Site.Actors.Persistence;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Evse;
using Everest.Site.Persistence.Sql;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>One stored event of an EVSE's history, decoded.</summary>
internal sealed record StoredEvseEvent(long SequenceNr, IEvseHistoryEvent Event);

/// <summary>
/// Reads the controller's SQLite journal from the test process, through the same query API the application's
/// tools use, while the controller runs (SQLite in WAL mode lets a reader in beside the writer) or after it.
/// </summary>
internal sealed class EvseJournal : IAsyncDisposable
{
    private readonly SqlPersistence _persistence;
    private readonly JsonEventSerializer _serializer = new JsonEventSerializer().RegisterEvseHistory();

    private EvseJournal(SqlPersistence persistence)
    {
        _persistence = persistence;
    }

    public static async Task<EvseJournal> OpenAsync(string sqlitePath)
    {
        Assert.True(File.Exists(sqlitePath), $"The controller has not created its journal at {sqlitePath}.");
        var persistence = await SqlPersistence.CreateAsync(new SqlJournalSettings { Provider = SqlProvider.Sqlite, SqlitePath = sqlitePath });
        return new EvseJournal(persistence);
    }

    public static string PersistenceId(string evseId) => $"evse-{evseId}";

    /// <summary>Every stored event of <c>evse-{evseId}</c> in sequence order, decoded with the EVSE history serializer.</summary>
    public async Task<IReadOnlyList<StoredEvseEvent>> ReadAsync(string evseId)
    {
        var events = new List<StoredEvseEvent>();
        await foreach (var envelope in _persistence.Query.CurrentEventsByPersistenceIdAsync(PersistenceId(evseId)))
        {
            var decoded = _serializer.Deserialize(envelope.Manifest, envelope.Payload.Span);
            Assert.True(
                decoded is IEvseHistoryEvent,
                $"{envelope.PersistenceId} #{envelope.SequenceNr} ({envelope.Manifest}) is not an EVSE history event but {decoded.GetType().Name}.");
            events.Add(new StoredEvseEvent(envelope.SequenceNr, (IEvseHistoryEvent)decoded));
        }

        return events;
    }

    /// <summary>The session uuids with a stored TransactionStarted, over all the given EVSEs.</summary>
    public Task<HashSet<string>> StartedTransactionsAsync(IEnumerable<string> evseIds) =>
        SessionUuidsAsync(evseIds, e => e is TransactionStarted started ? started.SessionUuid : null);

    /// <summary>The session uuids with a stored TransactionFinished, over all the given EVSEs.</summary>
    public Task<HashSet<string>> FinishedTransactionsAsync(IEnumerable<string> evseIds) =>
        SessionUuidsAsync(evseIds, e => e is TransactionFinished finished ? finished.SessionUuid : null);

    /// <summary>The highest stored sequence number of each given EVSE's stream (0 when it has none).</summary>
    public async Task<IReadOnlyDictionary<string, long>> HeadsAsync(IEnumerable<string> evseIds)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var evseId in evseIds)
        {
            var events = await ReadAsync(evseId);
            heads[evseId] = events.Count == 0 ? 0 : events[^1].SequenceNr;
        }

        return heads;
    }

    private async Task<HashSet<string>> SessionUuidsAsync(IEnumerable<string> evseIds, Func<IEvseHistoryEvent, string?> sessionUuidOf)
    {
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var evseId in evseIds)
        {
            foreach (var stored in await ReadAsync(evseId))
            {
                if (sessionUuidOf(stored.Event) is { } uuid)
                {
                    uuids.Add(uuid);
                }
            }
        }

        return uuids;
    }

    public ValueTask DisposeAsync() => _persistence.DisposeAsync();
}
