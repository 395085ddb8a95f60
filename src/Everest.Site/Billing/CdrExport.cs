using System.Text;
using Everest.Site.Billing.Projection;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Billing;

/// <summary>
/// Charge detail records from the billing read model. The projection issues each finished transaction's CDR (and a
/// correction's credit and replacement) once, in the transaction that stores it; an export only reads the stored
/// records in their stable order (by transaction stop, then EVSE; each original followed by its credits and
/// replacements) and writes them, so the same journal always exports the same bytes.
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
        ArgumentNullException.ThrowIfNull(filter);
        var records = new List<ChargeDetailRecord>();
        await foreach (var record in readModel.CdrsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>
    /// Streams the CDRs <paramref name="filter"/> selects to <paramref name="output"/> in <paramref name="format"/>, each
    /// written as it is read; returns how many.
    /// </summary>
    /// <exception cref="BillingExportException">OCPI without the location fields it requires (named with their keys).</exception>
    public async Task<int> WriteAsync(CdrFilter filter, CdrFormat format, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(output);
        var counted = new CountedRecords(readModel.CdrsAsync(filter, cancellationToken));
        await WriteAsync(counted, format, site, output, cancellationToken).ConfigureAwait(false);
        return counted.Count;
    }

    /// <summary>Writes <paramref name="records"/> in <paramref name="format"/>.</summary>
    public static Task WriteAsync(IReadOnlyList<ChargeDetailRecord> records, CdrFormat format, BillingSite site, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return WriteAsync(Each(records), format, site, output, cancellationToken);
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

    /// <summary>A list as an async sequence, for the writers' async path (a response body allows no synchronous writes).</summary>
    private static async IAsyncEnumerable<ChargeDetailRecord> Each(IReadOnlyList<ChargeDetailRecord> records)
    {
        foreach (var record in records)
        {
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Counts the records of a sequence as a writer takes them.</summary>
    private sealed class CountedRecords(IAsyncEnumerable<ChargeDetailRecord> records) : IAsyncEnumerable<ChargeDetailRecord>
    {
        public int Count { get; private set; }

        public async IAsyncEnumerator<ChargeDetailRecord> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Count++;
                yield return record;
            }
        }
    }
}
