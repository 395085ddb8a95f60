using System.Runtime.CompilerServices;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Dialects;
using Everest.Site.Persistence.Sql.Journal;

namespace Everest.Site.Persistence.Sql.Query;

/// <summary>
/// Queries over the SQL journal. Tag queries read the indexed <c>journal_tag</c> table in ordering
/// order, one page at a time (a page is copied out, so no connection or read transaction stays open while
/// the consumer works). Live queries poll at the configured interval and are woken at once by the
/// writes of this process. They never skip an ordering, because journal writers are serialised (see
/// docs/persistence.md): an ordering becomes visible only after every smaller one has.
/// </summary>
public sealed class SqlEventQuery : IEventQuery
{
    /// <summary>Rows per tag page.</summary>
    internal const int PageSize = 1000;

    private const string TagPageSql =
        $"SELECT {JournalRows.Columns} FROM journal_tag t JOIN journal j ON j.ordering = t.ordering " +
        "WHERE t.tag = @tag AND t.ordering > @after AND j.deleted = FALSE ORDER BY t.ordering LIMIT @limit";

    private readonly SqlDialect _dialect;
    private readonly WriteSignal _written;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _timeProvider;

    internal SqlEventQuery(SqlDialect dialect, WriteSignal written, TimeSpan pollInterval, TimeProvider timeProvider)
    {
        _dialect = dialect;
        _written = written;
        _pollInterval = pollInterval;
        _timeProvider = timeProvider;
    }

    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceIdAsync(
        string persistenceId,
        long fromSequenceNr = 1,
        long toSequenceNr = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        if (fromSequenceNr > toSequenceNr)
        {
            yield break;
        }

        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlJournal.CreateRangeCommand(connection, persistenceId, fromSequenceNr, toSequenceNr, long.MaxValue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return JournalRows.ReadEnvelope(reader);
        }
    }

    public async IAsyncEnumerable<EventEnvelope> CurrentEventsByTagAsync(
        string tag,
        long afterOffset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var offset = afterOffset;
        while (true)
        {
            var page = await ReadTagPageAsync(tag, offset, cancellationToken).ConfigureAwait(false);
            foreach (var envelope in page)
            {
                offset = envelope.Offset;
                yield return envelope;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<EventEnvelope> EventsByTagAsync(
        string tag,
        long afterOffset = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var offset = afterOffset;
        while (true)
        {
            // Taken before the read: a batch committed after it wakes the wait below.
            var written = _written.Next;
            var page = await ReadTagPageAsync(tag, offset, cancellationToken).ConfigureAwait(false);
            foreach (var envelope in page)
            {
                offset = envelope.Offset;
                yield return envelope;
            }

            if (page.Count < PageSize)
            {
                using var pollCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var poll = Task.Delay(_pollInterval, _timeProvider, pollCancellation.Token);
                await Task.WhenAny(written, poll).ConfigureAwait(false);
                await pollCancellation.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    public async IAsyncEnumerable<string> CurrentPersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT persistence_id FROM journal ORDER BY persistence_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.GetString(0);
        }
    }

    private async Task<List<EventEnvelope>> ReadTagPageAsync(string tag, long afterOffset, CancellationToken cancellationToken)
    {
        var page = new List<EventEnvelope>();
        await using var connection = await _dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = TagPageSql;
        command.AddParameter("tag", tag);
        command.AddParameter("after", afterOffset);
        command.AddParameter("limit", (long)PageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(JournalRows.ReadEnvelope(reader));
        }

        return page;
    }
}
