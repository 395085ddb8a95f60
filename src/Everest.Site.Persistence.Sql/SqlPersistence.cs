using System.Data.Common;
using Everest.Site.Persistence.Sql.Dialects;
using Everest.Site.Persistence.Sql.Journal;
using Everest.Site.Persistence.Sql.Query;
using Everest.Site.Persistence.Sql.Schema;
using Everest.Site.Persistence.Sql.Snapshot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Persistence.Sql;

/// <summary>
/// The SQL persistence of one database: journal, snapshot store and event query sharing one
/// group-commit writer. <see cref="CreateAsync"/> opens the database and brings its schema up to date;
/// disposing finishes every queued write, then closes the connections.
/// </summary>
public sealed class SqlPersistence : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly JournalWriter _writer;
    private int _disposed;

    private SqlPersistence(SqlDialect dialect, JournalWriter writer, SqlJournalSettings settings, TimeProvider timeProvider, int schemaVersion)
    {
        _dialect = dialect;
        _writer = writer;
        Settings = settings;
        SchemaVersion = schemaVersion;
        Journal = new SqlJournal(dialect, writer);
        SnapshotStore = new SqlSnapshotStore(dialect, writer);
        Query = new SqlEventQuery(dialect, writer.Written, settings.QueryPollInterval, timeProvider);
    }

    public SqlJournalSettings Settings { get; }

    /// <summary>The schema version the database is at (the latest this build knows).</summary>
    public int SchemaVersion { get; }

    public SqlJournal Journal { get; }

    public SqlSnapshotStore SnapshotStore { get; }

    public SqlEventQuery Query { get; }

    internal SqlDialect Dialect => _dialect;

    internal JournalWriter Writer => _writer;

    /// <summary>
    /// Validates <paramref name="settings"/>, opens the database (creating the SQLite file and its folder
    /// when missing) and applies any missing schema migrations.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names its configuration key.</exception>
    public static async Task<SqlPersistence> CreateAsync(
        SqlJournalSettings settings,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        timeProvider ??= TimeProvider.System;
        var logger = loggerFactory.CreateLogger<SqlPersistence>();

        SqlDialect dialect = settings.Provider == SqlProvider.Sqlite ? new SqliteDialect(settings) : new PostgreSqlDialect(settings);
        try
        {
            await dialect.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var version = await SchemaMigrator.MigrateAsync(dialect, logger, timeProvider, cancellationToken).ConfigureAwait(false);
            var writer = new JournalWriter(dialect, settings, timeProvider, loggerFactory.CreateLogger<SqlJournal>());
            return new SqlPersistence(dialect, writer, settings, timeProvider, version);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a pooled connection to the same database, for read models kept beside the journal (the
    /// billing projection stores its rows and its <see cref="Projection.ProjectionOffsets"/> in one transaction).
    /// On SQLite the connection has the configured busy timeout and synchronous mode. The caller disposes it.
    /// </summary>
    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        _dialect.OpenReaderAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dialect.DisposeAsync().ConfigureAwait(false);
    }
}
