using System.Data.Common;
using System.Globalization;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Journal;
using Everest.Site.Persistence.Sql.Schema;
using Microsoft.Data.Sqlite;

namespace Everest.Site.Persistence.Sql.Dialects;

/// <summary>
/// SQLite: one long-lived writer connection (WAL, the configured <c>synchronous</c>, busy timeout) used only
/// by the journal's writer loop, and pooled reader connections. SQLite itself allows one writing transaction
/// per file at a time, which is what serialises journal writers across processes.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;

    /// <summary>For the writer: unpooled, so its pragmas never leak into a reader.</summary>
    private readonly string _writerConnectionString;

    /// <summary>For readers: pooled.</summary>
    private readonly string _readerConnectionString;

    private readonly string _synchronousPragma;
    private readonly int _busyTimeoutMilliseconds;

    /// <summary>The one open writer connection, or null after a failure (reopened on the next write).</summary>
    private SqliteConnection? _writer;

    public SqliteDialect(SqlJournalSettings settings)
    {
        var fullPath = Path.GetFullPath(settings.SqlitePath);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        DatabasePath = fullPath;
        _busyTimeoutMilliseconds = (int)settings.SqliteBusyTimeout.TotalMilliseconds;

        // Microsoft.Data.Sqlite retries a busy statement itself until its command timeout (whole seconds)
        // runs out; keep that in step with the busy timeout so a locked database fails when configured.
        var commandTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(settings.SqliteBusyTimeout.TotalSeconds));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = commandTimeoutSeconds,
            Pooling = false,
        };
        _writerConnectionString = builder.ToString();
        builder.Pooling = true;
        _readerConnectionString = builder.ToString();
        _synchronousPragma = settings.SqliteSynchronous switch
        {
            SqliteSynchronous.Full => "FULL",
            SqliteSynchronous.Normal => "NORMAL",
            SqliteSynchronous.Off => "OFF",
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.SqliteSynchronous, "Unknown synchronous mode."),
        };
    }

    public string DatabasePath { get; }

    public override SqlProvider Provider => SqlProvider.Sqlite;

    public override IReadOnlyList<SchemaMigration> Migrations => SqliteSchema.Migrations;

    /// <summary>
    /// Opens the writer first: it switches the file to WAL, which every connection opened afterwards
    /// (the migration's included) then uses.
    /// </summary>
    public override Task InitializeAsync(CancellationToken cancellationToken) => AcquireWriterAsync(cancellationToken);

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecutePragmaAsync(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}", cancellationToken).ConfigureAwait(false);

            // Read models (billing) commit through these connections too: they get the journal's durability.
            await ExecutePragmaAsync(connection, $"PRAGMA synchronous = {_synchronousPragma}", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbConnection> AcquireWriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecutePragmaAsync(connection, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}", cancellationToken).ConfigureAwait(false);
            var mode = await ExecutePragmaAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused write-ahead logging for '{DatabasePath}' (journal_mode is '{mode}').");
            }

            await ExecutePragmaAsync(connection, $"PRAGMA synchronous = {_synchronousPragma}", cancellationToken).ConfigureAwait(false);
            _writer = connection;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async ValueTask ReleaseWriterAsync(DbConnection connection, bool broken)
    {
        if (broken && ReferenceEquals(connection, _writer))
        {
            _writer = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteAsync(connection, cancellationToken);

    public override async Task InsertEventsAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<AtomicWrite> writes,
        CancellationToken cancellationToken)
    {
        // SQLite runs in process: one prepared statement executed per row costs microseconds, no round trips.
        await using var insertEvent = connection.CreateCommand();
        insertEvent.Transaction = transaction;
        insertEvent.CommandText =
            "INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid) " +
            "VALUES (@persistence_id, @sequence_nr, @manifest, @payload, @tags, @created_at, @writer_uuid) RETURNING ordering";
        var persistenceId = insertEvent.AddParameter("persistence_id", string.Empty);
        var sequenceNr = insertEvent.AddParameter("sequence_nr", 0L);
        var manifest = insertEvent.AddParameter("manifest", string.Empty);
        var payload = insertEvent.AddParameter("payload", Array.Empty<byte>());
        var tags = insertEvent.AddParameter("tags", string.Empty);
        var createdAt = insertEvent.AddParameter("created_at", 0L);
        var writerUuid = insertEvent.AddParameter("writer_uuid", string.Empty);
        await insertEvent.PrepareAsync(cancellationToken).ConfigureAwait(false);

        DbCommand? insertTag = null;
        DbParameter? tagName = null;
        DbParameter? tagOrdering = null;
        try
        {
            foreach (var write in writes)
            {
                foreach (var repr in write.Events)
                {
                    persistenceId.Value = repr.PersistenceId;
                    sequenceNr.Value = repr.SequenceNr;
                    manifest.Value = repr.Manifest;
                    payload.Value = Payloads.AsArray(repr.Payload);
                    tags.Value = TagCodec.Encode(repr.Tags);
                    createdAt.Value = UnixTime.ToMicroseconds(repr.Timestamp);
                    writerUuid.Value = WriterIdValue(repr.WriterId);
                    if (repr.Tags.Count == 0)
                    {
                        // The ordering is needed only for tag rows.
                        await insertEvent.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var ordering = Convert.ToInt64(
                        await insertEvent.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
                        CultureInfo.InvariantCulture);

                    if (insertTag is null)
                    {
                        insertTag = connection.CreateCommand();
                        insertTag.Transaction = transaction;
                        insertTag.CommandText = "INSERT INTO journal_tag (tag, ordering) VALUES (@tag, @ordering)";
                        tagName = insertTag.AddParameter("tag", string.Empty);
                        tagOrdering = insertTag.AddParameter("ordering", 0L);
                    }

                    foreach (var tag in repr.Tags.Distinct(StringComparer.Ordinal))
                    {
                        tagName!.Value = tag;
                        tagOrdering!.Value = ordering;
                        await insertTag.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            if (insertTag is not null)
            {
                await insertTag.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override object WriterIdValue(Guid writerId) => writerId.ToString("D");

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        // Pooled readers keep the file open (and its WAL unmerged) until their pool is cleared.
        await using var pool = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(pool);
    }

    private static async Task<string?> ExecutePragmaAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToString(result, CultureInfo.InvariantCulture);
    }
}
