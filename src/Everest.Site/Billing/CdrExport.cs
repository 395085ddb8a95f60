using System.Runtime.CompilerServices;
using System.Text;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing;

/// <summary>
/// Charge detail records from the billing read model: its finished transactions and corrections go through
/// <see cref="CdrLedger"/> with the configured tariffs, in a stable order (by transaction stop, then EVSE; each
/// original followed by its credits and replacements), so the same journal always exports the same bytes.
/// </summary>
public sealed class CdrExport(BillingReadModel readModel, BillingSite site)
{
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
    /// read: nothing holds the whole export, so its memory does not grow with the number of CDRs.
    /// </summary>
    public async IAsyncEnumerable<ChargeDetailRecord> StreamAsync(CdrFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var corrections = await readModel.CorrectionsAsync(cancellationToken).ConfigureAwait(false);
        var ledger = new CdrLedgerCursor(corrections, site.Tariffs);
        var evses = new Dictionary<string, CdrEvse>(StringComparer.Ordinal);
        await foreach (var row in readModel.FinishedSessionsAsync(filter.To, filter.EvseId, filter.IdToken, cancellationToken).ConfigureAwait(false))
        {
            // A placeholder superseded by its real session holds no energy of its own (see ChargingSession.IsBillable).
            if (!row.Session.IsBillable)
            {
                continue;
            }

            if (!evses.TryGetValue(row.EvseId, out var evse))
            {
                evses[row.EvseId] = evse = site.EvseOfHistory(row.EvseId);
            }

            foreach (var record in ledger.Issue(evse, row.Session))
            {
                if ((filter.From is not { } from || record.IssuedAt >= from) && (filter.To is not { } to || record.IssuedAt < to))
                {
                    yield return record;
                }
            }
        }
    }

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
