using Everest.Site.Actors.Persistence;
using Everest.Site.Configuration;
using Everest.Site.Persistence.Sql;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The journal, snapshot store and event query the configuration asks for: in memory, SQLite or PostgreSQL.
/// Disposing it finishes queued writes and closes the database.
/// </summary>
public sealed class SitePersistence : IAsyncDisposable
{
    private readonly SqlPersistence? _sql;

    private SitePersistence(IJournal journal, ISnapshotStore snapshots, IEventQuery query, SqlPersistence? sql)
    {
        Journal = journal;
        SnapshotStore = snapshots;
        Query = query;
        _sql = sql;
    }

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    public IEventQuery Query { get; }

    /// <summary>The SQL store behind it, for read models kept in the same database; null for the memory provider.</summary>
    public SqlPersistence? Sql => _sql;

    /// <summary>Opens (and migrates) the store configured by <paramref name="options"/>.</summary>
    public static async Task<SitePersistence> OpenAsync(
        PersistenceOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var settings = LibrarySettings.ForJournal(options);
        if (settings is null)
        {
            var journal = new InMemoryJournal();
            return new SitePersistence(journal, new InMemorySnapshotStore(), journal, sql: null);
        }

        var sql = await SqlPersistence.CreateAsync(settings, loggerFactory, timeProvider, cancellationToken).ConfigureAwait(false);
        return new SitePersistence(sql.Journal, sql.SnapshotStore, sql.Query, sql);
    }

    public ValueTask DisposeAsync() => _sql?.DisposeAsync() ?? ValueTask.CompletedTask;
}
