using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Dialects;
using Everest.Site.Persistence.Sql.Journal;

namespace Everest.Site.Persistence.Sql.Snapshot;

/// <summary>
/// Snapshots in the <c>snapshot</c> table, one row per (persistence id, sequence number). Saves and
/// deletes run on the journal's writer connection (SQLite has exactly one writer), loads on a reader.
/// </summary>
public sealed class SqlSnapshotStore : ISnapshotStore
{
    private readonly SqlDialect _dialect;
    private readonly JournalWriter _writer;

    internal SqlSnapshotStore(SqlDialect dialect, JournalWriter writer)
    {
        _dialect = dialect;
        _writer = writer;
    }

    public Task SaveAsync(SnapshotMetadata metadata, string manifest, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        ArgumentException.ThrowIfNullOrEmpty(metadata.PersistenceId, nameof(metadata));
        var bytes = payload.ToArray(); // the caller may reuse its buffer once this call returns
        return _writer.ExecuteAsync(
            async (connection, transaction, token) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText =
                    "INSERT INTO snapshot (persistence_id, sequence_nr, created_at, manifest, payload) " +
                    "VALUES (@persistence_id, @sequence_nr, @created_at, @manifest, @payload) " +
                    "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET " +
                    "created_at = excluded.created_at, manifest = excluded.manifest, payload = excluded.payload";
                command.AddParameter("persistence_id", metadata.PersistenceId);
                command.AddParameter("sequence_nr", metadata.SequenceNr);
                command.AddParameter("created_at", UnixTime.ToMicroseconds(metadata.Timestamp));
                command.AddParameter("manifest", manifest);
                command.AddParameter("payload", bytes);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sequence_nr, created_at, manifest, payload FROM snapshot " +
            "WHERE persistence_id = @persistence_id AND sequence_nr <= @max_sequence_nr AND created_at <= @max_created_at " +
            "ORDER BY sequence_nr DESC LIMIT 1";
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var metadata = new SnapshotMetadata(persistenceId, reader.GetInt64(0), UnixTime.FromMicroseconds(reader.GetInt64(1)));
        return new SelectedSnapshot(metadata, reader.GetString(2), reader.GetFieldValue<byte[]>(3));
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        return _writer.ExecuteAsync(
            async (connection, transaction, token) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText =
                    "DELETE FROM snapshot " +
                    "WHERE persistence_id = @persistence_id AND sequence_nr <= @max_sequence_nr AND created_at <= @max_created_at";
                AddCriteria(command, persistenceId, criteria);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static void AddCriteria(System.Data.Common.DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.AddParameter("persistence_id", persistenceId);
        command.AddParameter("max_sequence_nr", criteria.MaxSequenceNr);
        command.AddParameter("max_created_at", criteria.MaxTimestamp is { } maxTimestamp ? UnixTime.ToMicroseconds(maxTimestamp) : long.MaxValue);
    }
}
