using System.Buffers;
using System.Text.Json;

namespace Everest.Site.Billing;

/// <summary>
/// The memory a JSON export is written into before it goes to its stream, asynchronously and in large pieces:
/// <c>JsonSerializer.Serialize</c> flushes its writer after every value, which on a stream-backed writer would be one
/// synchronous write per CDR (refused by a server's response body, slow on a file).
/// </summary>
internal sealed class ExportJsonBuffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(ExportJson.FlushThreshold + (16 * 1024));

    public Utf8JsonWriter CreateWriter() => new(_buffer, ExportJson.WriterOptions);

    /// <summary>Hands what is buffered to <paramref name="output"/> once past the threshold, or always when <paramref name="final"/>.</summary>
    public async ValueTask DrainAsync(Utf8JsonWriter json, Stream output, bool final, CancellationToken cancellationToken)
    {
        json.Flush();
        if (final || _buffer.WrittenCount > ExportJson.FlushThreshold)
        {
            await output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
            if (final)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
