using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>
/// Inserts rows straight into Akka.Persistence.Sql's own tables (<c>journal</c>, <c>tags</c>, <c>snapshot</c>, as the
/// plugin creates them with its default mapping and tag table), one transaction per call, with no journal around it:
/// the raw baseline of the write benchmark, and how the fleet benchmark lays down a year of history quickly.
/// SQLite: multi-row INSERTs on one connection, ordering numbers assigned as the table's autoincrement would. PostgreSQL: one statement per batch that inserts the journal rows
/// from arrays and their tag rows from what that insert returns (one round trip).
/// </summary>
internal sealed class RawJournalWriter : IAsyncDisposable
{
    private const string PostgreSqlInsert = """
        WITH inserted AS (
          INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
          SELECT $1, FALSE, p, s, m, f, $2, $3 FROM unnest($4::text[], $5::bigint[], $6::bytea[], $7::text[]) AS r(p, s, m, f)
          RETURNING ordering, persistence_id, sequence_number)
        INSERT INTO tags (ordering_id, tag, persistence_id, sequence_nr)
        SELECT i.ordering, t.tag, i.persistence_id, i.sequence_number
        FROM inserted i JOIN unnest($8::text[], $9::bigint[], $10::text[]) AS t(p, s, tag) ON t.p = i.persistence_id AND t.s = i.sequence_number
        """;

    /// <summary>Rows per multi-row INSERT on SQLite (three parameters each, well under SQLite's parameter limit).</summary>
    private const int SqliteRowsPerStatement = 200;

    private readonly DbConnection _connection;
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");

    private RawJournalWriter(DbConnection connection) => _connection = connection;

    public static async Task<RawJournalWriter> OpenAsync(BenchmarkDatabase database) =>
        new(await database.OpenRawConnectionAsync());

    /// <summary>Makes SQLite skip the sync of each commit (for laying down generated history, never for a measurement).</summary>
    public async Task SkipSyncAsync()
    {
        if (_connection is SqliteConnection)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = OFF";
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Inserts <paramref name="rows"/> and their tags in one transaction.</summary>
    public Task InsertAsync(IReadOnlyList<JournalRow> rows) =>
        _connection is NpgsqlConnection postgres ? InsertPostgreSqlAsync(postgres, rows) : InsertSqliteAsync((SqliteConnection)_connection, rows);

    /// <summary>Inserts snapshots (persistence id, sequence number, serialized state, manifest) in one transaction.</summary>
    public async Task InsertSnapshotsAsync(IReadOnlyList<(string PersistenceId, long SequenceNr, byte[] State, string Manifest)> snapshots)
    {
        await using var transaction = await _connection.BeginTransactionAsync();
        await using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        var postgres = _connection is NpgsqlConnection;
        insert.CommandText = postgres
            ? "INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot, manifest, serializer_id) VALUES ($1, $2, $3, $4, $5, $6)"
            : "INSERT INTO snapshot (persistence_id, sequence_number, created, snapshot, manifest, serializer_id) VALUES (@p, @s, @c, @b, @m, @i)";
        var parameters = Enumerable.Range(0, 6).Select(i => Add(insert, postgres ? null : "@" + "pscbmi"[i])).ToArray();
        foreach (var (persistenceId, sequenceNr, state, manifest) in snapshots)
        {
            parameters[0].Value = persistenceId;
            parameters[1].Value = sequenceNr;
            parameters[2].Value = DateTime.UtcNow.Ticks;
            parameters[3].Value = state;
            parameters[4].Value = manifest;
            parameters[5].Value = HistorySerialization.SerializerId;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static DbParameter Add(DbCommand command, string? name)
    {
        var parameter = command.CreateParameter();
        if (name is not null)
        {
            parameter.ParameterName = name;
        }

        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private async Task InsertSqliteAsync(SqliteConnection connection, IReadOnlyList<JournalRow> rows)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var maxOrdering = connection.CreateCommand();
        maxOrdering.Transaction = transaction;
        maxOrdering.CommandText = "SELECT COALESCE(MAX(ordering), 0) FROM journal";
        var ordering = (long)(await maxOrdering.ExecuteScalarAsync())!;
        var now = DateTime.UtcNow.Ticks;
        await using var journal = connection.CreateCommand();
        journal.Transaction = transaction;
        await using var tags = connection.CreateCommand();
        tags.Transaction = transaction;
        for (var first = 0; first < rows.Count; first += SqliteRowsPerStatement)
        {
            var count = Math.Min(SqliteRowsPerStatement, rows.Count - first);
            var sql = new StringBuilder(
                "INSERT INTO journal (ordering, created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) VALUES ");
            var tagSql = new StringBuilder("INSERT INTO tags (ordering_id, tag, persistence_id, sequence_nr) VALUES ");
            journal.Parameters.Clear();
            tags.Parameters.Clear();
            var tagRows = 0;
            for (var i = 0; i < count; i++)
            {
                var row = rows[first + i];
                ordering++;
                sql.Append(i == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"({ordering},{now},0,@p{i},{row.SequenceNr},@m{i},@f{i},{HistorySerialization.SerializerId},'{_writerUuid}')");
                journal.Parameters.AddWithValue($"@p{i}", row.PersistenceId);
                journal.Parameters.AddWithValue($"@m{i}", row.Message);
                journal.Parameters.AddWithValue($"@f{i}", row.Manifest);
                foreach (var tag in row.Tags)
                {
                    tagSql.Append(tagRows++ == 0 ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $"({ordering},'{tag}',@p{i},{row.SequenceNr})");
                }

                if (row.Tags.Count > 0)
                {
                    tags.Parameters.AddWithValue($"@p{i}", row.PersistenceId);
                }
            }

            journal.CommandText = sql.ToString();
            await journal.ExecuteNonQueryAsync();
            if (tagRows > 0)
            {
                tags.CommandText = tagSql.ToString();
                await tags.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    private async Task InsertPostgreSqlAsync(NpgsqlConnection connection, IReadOnlyList<JournalRow> rows)
    {
        var tagCount = rows.Sum(r => r.Tags.Count);
        var tagIds = new string[tagCount];
        var tagSequenceNrs = new long[tagCount];
        var tagValues = new string[tagCount];
        var t = 0;
        foreach (var row in rows)
        {
            foreach (var value in row.Tags)
            {
                tagIds[t] = row.PersistenceId;
                tagSequenceNrs[t] = row.SequenceNr;
                tagValues[t++] = value;
            }
        }

        await using var command = new NpgsqlCommand(PostgreSqlInsert, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = DateTime.UtcNow.Ticks });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = HistorySerialization.SerializerId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _writerUuid });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.PersistenceId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.SequenceNr)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. rows.Select(r => r.Message)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Manifest)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tagIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = tagSequenceNrs });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tagValues, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

        // One statement is one implicit transaction in PostgreSQL: the journal rows and their tags commit together.
        await command.ExecuteNonQueryAsync();
    }
}
