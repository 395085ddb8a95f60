using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Dialects;

namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>
/// The SQL journal: writes go through the group-commit <see cref="JournalWriter"/>; reads use pooled
/// reader connections and stream rows straight from the data reader. Create it with
/// <see cref="SqlPersistence.CreateAsync"/>.
/// </summary>
public sealed class SqlJournal : IJournal
{
    private readonly SqlDialect _dialect;
    private readonly JournalWriter _writer;

    internal SqlJournal(SqlDialect dialect, JournalWriter writer)
    {
        _dialect = dialect;
        _writer = writer;
    }

    /// <summary>Writes refused because their sequence numbers were already stored (two writers on one stream).</summary>
    public long RejectedWrites => _writer.RejectedWrites;

    /// <summary>Writes failed because the database could not store them.</summary>
    public long FailedWrites => _writer.FailedWrites;

    /// <summary>Group-commit transactions committed since start.</summary>
    public long CommittedBatches => _writer.CommittedBatches;

    public Task WriteAsync(AtomicWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var invalid = Validate(write);
        return invalid is null ? _writer.WriteAsync(write, cancellationToken) : Task.FromException(invalid);
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (max <= 0 || fromSequenceNr > toSequenceNr)
        {
            yield break;
        }

        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = CreateRangeCommand(connection, persistenceId, fromSequenceNr, toSequenceNr, max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return JournalRows.ReadRepr(reader);
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // Deleted rows are kept (only flagged), so the maximum still counts them.
        command.CommandText = "SELECT COALESCE(MAX(sequence_nr), 0) FROM journal WHERE persistence_id = @persistence_id";
        command.AddParameter("persistence_id", persistenceId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);

        // Rows stay, flagged: their orderings keep the global order intact and the highest sequence number survives.
        return _writer.ExecuteAsync(
            async (connection, transaction, token) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText =
                    "UPDATE journal SET deleted = TRUE WHERE persistence_id = @persistence_id AND sequence_nr <= @to AND deleted = FALSE";
                command.AddParameter("persistence_id", persistenceId);
                command.AddParameter("to", toSequenceNr);
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    internal static DbCommand CreateRangeCommand(DbConnection connection, string persistenceId, long fromSequenceNr, long toSequenceNr, long max)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {JournalRows.Columns} FROM journal j " +
            "WHERE j.persistence_id = @persistence_id AND j.sequence_nr >= @from AND j.sequence_nr <= @to AND j.deleted = FALSE " +
            "ORDER BY j.sequence_nr LIMIT @max";
        command.AddParameter("persistence_id", persistenceId);
        command.AddParameter("from", fromSequenceNr);
        command.AddParameter("to", toSequenceNr);
        command.AddParameter("max", max);
        return command;
    }

    /// <summary>Bad input is refused with a clear message before it reaches the writer loop.</summary>
    private static ArgumentException? Validate(AtomicWrite write)
    {
        foreach (var repr in write.Events)
        {
            if (string.IsNullOrEmpty(repr.PersistenceId))
            {
                return new ArgumentException("An event needs a persistence id.", nameof(write));
            }

            if (repr.SequenceNr < 1)
            {
                return new ArgumentException($"Sequence numbers start at 1; '{repr.PersistenceId}' got {repr.SequenceNr}.", nameof(write));
            }

            if (string.IsNullOrEmpty(repr.Manifest))
            {
                return new ArgumentException($"Event {repr.SequenceNr} of '{repr.PersistenceId}' has no manifest.", nameof(write));
            }

            if (repr.Tags is null || repr.Tags.Any(string.IsNullOrEmpty))
            {
                return new ArgumentException($"Event {repr.SequenceNr} of '{repr.PersistenceId}' has a missing or empty tag.", nameof(write));
            }
        }

        return null;
    }
}
