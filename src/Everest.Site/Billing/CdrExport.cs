using System.Runtime.CompilerServices;
using System.Text;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Billing;

/// <summary>
/// Charge detail records from the billing read model: its finished transactions and corrections go through
/// <see cref="CdrLedger"/> with the configured tariffs, in a stable order (by transaction stop, then EVSE; each
/// original followed by its credits and replacements), so the same journal always exports the same bytes.
/// </summary>
public sealed class CdrExport(BillingReadModel readModel, BillingSite site)
{
    /// <summary>Rows parsed and priced as one piece of work on the thread pool: large enough to make handing it over cheap.</summary>
    private const int RowsPerChunk = 512;

    /// <summary>
    /// Chunks being parsed and priced while the next is read: one per core keeps every core busy, and bounds what the
    /// export holds at once to a few thousand rows however many it exports.
    /// </summary>
    private static readonly int ChunksInFlight = Environment.ProcessorCount;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The MIME type of <paramref name="format"/>.</summary>
    public static string ContentType(CdrFormat format) => format switch
    {
        CdrFormat.Csv => "text/csv; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The CDRs <paramref name="filter"/> selects, in export order.</summary>
    public async Task<IReadOnlyList<ChargeDetailRecord>> RecordsAsync(CdrFilter filter, CancellationToken cancellationToken)
    {
        var records = new List<ChargeDetailRecord>();
        await foreach (var record in StreamAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>
    /// The CDRs <paramref name="filter"/> selects, in export order, issued from the current facts as the rows are
    /// read: nothing holds the whole export, so its memory does not grow with the number of CDRs. Rows are read in
    /// chunks; while the next chunk is read, the chunks before it are parsed and their originals priced on the thread
    /// pool (an original depends on its own row alone); corrections follow each original in order here.
    /// </summary>
    public async IAsyncEnumerable<ChargeDetailRecord> StreamAsync(CdrFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var corrections = await readModel.CorrectionsAsync(cancellationToken).ConfigureAwait(false);
        var ledger = new CdrLedgerCursor(corrections, site.Tariffs);
        var evses = new Dictionary<string, CdrEvse>(StringComparer.Ordinal);
        var inFlight = new Queue<Task<IssuedRow[]>>();
        var chunk = new List<(CdrEvse, StoredSession)>(RowsPerChunk);
        await foreach (var row in readModel.FinishedRowsAsync(filter.To, filter.EvseId, filter.IdToken, cancellationToken).ConfigureAwait(false))
        {
            if (!evses.TryGetValue(row.EvseId, out var evse))
            {
                evses[row.EvseId] = evse = site.EvseOfHistory(row.EvseId);
            }

            chunk.Add((evse, row));
            if (chunk.Count < RowsPerChunk)
            {
                continue;
            }

            inFlight.Enqueue(IssueOriginalsAsync(chunk, cancellationToken));
            chunk = new List<(CdrEvse, StoredSession)>(RowsPerChunk);
            if (inFlight.Count < ChunksInFlight)
            {
                continue;
            }

            foreach (var record in Selected(await inFlight.Dequeue().ConfigureAwait(false), ledger, filter))
            {
                yield return record;
            }
        }

        if (chunk.Count > 0)
        {
            inFlight.Enqueue(IssueOriginalsAsync(chunk, cancellationToken));
        }

        while (inFlight.TryDequeue(out var issuing))
        {
            foreach (var record in Selected(await issuing.ConfigureAwait(false), ledger, filter))
            {
                yield return record;
            }
        }
    }

    /// <summary>Parses each row and issues its original CDR, on the thread pool; a placeholder row issues none.</summary>
    private Task<IssuedRow[]> IssueOriginalsAsync(List<(CdrEvse Evse, StoredSession Row)> rows, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                var issued = new IssuedRow[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    var (evse, row) = rows[i];
                    var session = row.Parse().Session;

                    // A placeholder superseded by its real session holds no energy of its own (see ChargingSession.IsBillable).
                    issued[i] = new IssuedRow(evse, session, session.IsBillable ? ChargeDetailRecords.Issue(evse, session, site.Tariffs) : null);
                }

                return issued;
            },
            cancellationToken);

    /// <summary>A chunk's CDRs in export order (each original, then what corrects it), as far as the filter's dates select them.</summary>
    private static IEnumerable<ChargeDetailRecord> Selected(IssuedRow[] rows, CdrLedgerCursor ledger, CdrFilter filter)
    {
        foreach (var (evse, session, original) in rows)
        {
            if (original is null)
            {
                continue;
            }

            if (IsSelected(original, filter))
            {
                yield return original;
            }

            foreach (var record in ledger.CorrectionsOf(original, evse, session))
            {
                if (IsSelected(record, filter))
                {
                    yield return record;
                }
            }
        }
    }

    private static bool IsSelected(ChargeDetailRecord record, CdrFilter filter) =>
        (filter.From is not { } from || record.IssuedAt >= from) && (filter.To is not { } to || record.IssuedAt < to);

    /// <summary>Writes the CDRs <paramref name="filter"/> selects to <paramref name="output"/> in <paramref name="format"/>, streaming.</summary>
    /// <returns>How many CDRs were written.</returns>
    /// <exception cref="BillingExportException">OCPI without the location fields it requires (named with their keys).</exception>
    public async Task<int> WriteAsync(CdrFilter filter, CdrFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        await WriteAsync(Counted(StreamAsync(filter, cancellationToken)), format, site, output, cancellationToken).ConfigureAwait(false);
        return count;

        async IAsyncEnumerable<ChargeDetailRecord> Counted(IAsyncEnumerable<ChargeDetailRecord> records)
        {
            await foreach (var record in records.ConfigureAwait(false))
            {
                count++;
                yield return record;
            }
        }
    }

    /// <summary>Writes <paramref name="records"/> in <paramref name="format"/> as they come.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<ChargeDetailRecord> records, CdrFormat format, BillingSite site, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case CdrFormat.Csv:
                await using (var text = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true))
                {
                    await CdrCsvWriter.WriteAsync(records, text, cancellationToken).ConfigureAwait(false);
                    await text.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                break;
            case CdrFormat.Json:
                await CdrJsonWriter.WriteAsync(records, output, cancellationToken).ConfigureAwait(false);
                break;
            case CdrFormat.Ocpi:
                await OcpiCdrWriter.WriteAsync(records, site, output, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown CDR format");
        }
    }

    /// <summary>Writes <paramref name="records"/> in <paramref name="format"/>, exactly as the streaming overload does.</summary>
    public static Task WriteAsync(IReadOnlyList<ChargeDetailRecord> records, CdrFormat format, BillingSite site, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return WriteAsync(Each(records), format, site, output, cancellationToken);
    }

    /// <summary>A row's transaction and its original CDR (null for a placeholder, which issues none).</summary>
    private sealed record IssuedRow(CdrEvse Evse, ChargingSession Session, ChargeDetailRecord? Original);

    /// <summary>A list as an async sequence, for the CSV writer's async path (a response body allows no synchronous writes).</summary>
    private static async IAsyncEnumerable<ChargeDetailRecord> Each(IReadOnlyList<ChargeDetailRecord> records)
    {
        foreach (var record in records)
        {
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
