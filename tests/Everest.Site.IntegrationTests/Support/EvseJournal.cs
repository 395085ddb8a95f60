using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>One stored event of an EVSE's history, decoded.</summary>
internal sealed record StoredEvseEvent(long SequenceNr, IEvseHistoryEvent Event);

/// <summary>
/// Reads the controller's journal from the test process through Akka.Persistence.Query's SQL read journal, with the
/// site's own persistence set-up (and so its serializer), while the controller runs (SQLite in WAL mode lets a
/// reader in beside the writer; PostgreSQL serves both) or after it.
/// </summary>
internal sealed class EvseJournal : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly SqlReadJournal readJournal;
    private readonly IMaterializer materializer;

    private EvseJournal(ActorSystem system)
    {
        this.system = system;
        readJournal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SitePersistenceConfig.ReadJournalPluginId);
        materializer = system.Materializer();
    }

    /// <summary>Opens the journal the controller configured with <paramref name="persistence"/> writes.</summary>
    public static EvseJournal Open(PersistenceOptions persistence) =>
        new(ActorSystem.Create("evse-journal-reader", SitePersistenceConfig.ActorSystemSetup(persistence, QuietConsole)));

    /// <summary>The reader's own actor system only speaks up when something is wrong.</summary>
    private static readonly Config QuietConsole = ConfigurationFactory.ParseString("akka { stdout-loglevel = WARNING, loglevel = WARNING }");

    public static string PersistenceId(string evseId) => $"evse-{evseId}";

    /// <summary>Every stored event of <c>evse-{evseId}</c> in sequence order, decoded by the site's serializer.</summary>
    public async Task<IReadOnlyList<StoredEvseEvent>> ReadAsync(string evseId)
    {
        var envelopes = await readJournal
            .CurrentEventsByPersistenceId(PersistenceId(evseId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), materializer);
        var events = new List<StoredEvseEvent>(envelopes.Count);
        foreach (var envelope in envelopes)
        {
            Assert.True(
                envelope.Event is IEvseHistoryEvent,
                $"{envelope.PersistenceId} #{envelope.SequenceNr} is not an EVSE history event but {envelope.Event.GetType().Name}.");
            events.Add(new StoredEvseEvent(envelope.SequenceNr, (IEvseHistoryEvent)envelope.Event));
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

    public async ValueTask DisposeAsync() => await system.Terminate();
}
