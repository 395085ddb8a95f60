using System.Data.Common;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Journal;
using Everest.Site.Persistence.Sql.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Everest.Site.Persistence.Sql.Dialects;

/// <summary>
/// PostgreSQL through one <see cref="NpgsqlDataSource"/> (a connection pool). A batch is inserted with one
/// statement that unnests parameter arrays, so a transaction costs a few round trips whatever its size.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    /// <summary>
    /// The transaction-level advisory lock every journal-writing transaction takes first. Identity values
    /// are drawn while it is held and it is released only after the commit is visible, so orderings
    /// become visible strictly in increasing order across all processes (no gaps for tag readers).
    /// Advisory locks are per database, so unrelated databases on one server do not contend.
    /// </summary>
    private const long JournalWriteLockKey = 0x4576_5369_7465_4A4C; // "EvSiteJL"

    /// <summary>Serialises schema migrations of processes starting at the same time.</summary>
    private const long MigrationLockKey = 0x4576_5369_7465_4D47; // "EvSiteMG"

    private const string UniqueViolation = "23505";

    private const string InsertBatchSql =
        """
        WITH inserted AS (
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid)
            SELECT persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid
            FROM unnest(@persistence_id, @sequence_nr, @manifest, @payload, @tags, @created_at, @writer_uuid)
                WITH ORDINALITY AS input(persistence_id, sequence_nr, manifest, payload, tags, created_at, writer_uuid, position)
            ORDER BY position
            RETURNING ordering, persistence_id, sequence_nr)
        INSERT INTO journal_tag (tag, ordering)
        SELECT tagged.tag, inserted.ordering
        FROM unnest(@tag_persistence_id, @tag_sequence_nr, @tag) AS tagged(persistence_id, sequence_nr, tag)
        JOIN inserted ON inserted.persistence_id = tagged.persistence_id AND inserted.sequence_nr = tagged.sequence_nr
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDialect(SqlJournalSettings settings)
    {
        _dataSource = NpgsqlDataSource.Create(settings.PostgreSqlConnectionString!);
    }

    public override SqlProvider Provider => SqlProvider.PostgreSql;

    public override IReadOnlyList<SchemaMigration> Migrations => PostgreSqlSchema.Migrations;

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<DbConnection> AcquireWriterAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override ValueTask ReleaseWriterAsync(DbConnection connection, bool broken) => connection.DisposeAsync();

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginLockedAsync(connection, JournalWriteLockKey, cancellationToken);

    public override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginLockedAsync(connection, MigrationLockKey, cancellationToken);

    public override async Task InsertEventsAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<AtomicWrite> writes,
        CancellationToken cancellationToken)
    {
        var count = 0;
        var tagCount = 0;
        foreach (var write in writes)
        {
            count += write.Events.Count;
            foreach (var repr in write.Events)
            {
                tagCount += repr.Tags.Count;
            }
        }

        var persistenceIds = new string[count];
        var sequenceNrs = new long[count];
        var manifests = new string[count];
        var payloads = new byte[count][];
        var tags = new string[count];
        var createdAt = new long[count];
        var writerIds = new Guid[count];
        var tagPersistenceIds = new List<string>(tagCount);
        var tagSequenceNrs = new List<long>(tagCount);
        var tagNames = new List<string>(tagCount);
        var row = 0;
        foreach (var write in writes)
        {
            foreach (var repr in write.Events)
            {
                persistenceIds[row] = repr.PersistenceId;
                sequenceNrs[row] = repr.SequenceNr;
                manifests[row] = repr.Manifest;
                payloads[row] = Payloads.AsArray(repr.Payload);
                tags[row] = TagCodec.Encode(repr.Tags);
                createdAt[row] = UnixTime.ToMicroseconds(repr.Timestamp);
                writerIds[row] = repr.WriterId;
                foreach (var tag in repr.Tags.Distinct(StringComparer.Ordinal))
                {
                    tagPersistenceIds.Add(repr.PersistenceId);
                    tagSequenceNrs.Add(repr.SequenceNr);
                    tagNames.Add(tag);
                }

                row++;
            }
        }

        await using var command = new NpgsqlCommand(InsertBatchSql, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("persistence_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = persistenceIds });
        command.Parameters.Add(new NpgsqlParameter<long[]>("sequence_nr", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = sequenceNrs });
        command.Parameters.Add(new NpgsqlParameter<string[]>("manifest", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = manifests });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("payload", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = payloads });
        command.Parameters.Add(new NpgsqlParameter<string[]>("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tags });
        command.Parameters.Add(new NpgsqlParameter<long[]>("created_at", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = createdAt });
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("writer_uuid", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = writerIds });
        command.Parameters.Add(new NpgsqlParameter<string[]>("tag_persistence_id", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. tagPersistenceIds] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("tag_sequence_nr", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. tagSequenceNrs] });
        command.Parameters.Add(new NpgsqlParameter<string[]>("tag", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. tagNames] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    public override object WriterIdValue(Guid writerId) => writerId;

    /// <summary>
    /// After a server restart every idle pooled connection is dead; dropping them means the next write
    /// opens a fresh one instead of failing once more on a stale one.
    /// </summary>
    public override void OnConnectionFailure() => _dataSource.Clear();

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<DbTransaction> BeginLockedAsync(DbConnection connection, long lockKey, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = lockKey });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
