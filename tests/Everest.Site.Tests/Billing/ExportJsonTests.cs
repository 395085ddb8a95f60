using System.Buffers;
using System.Text;
using System.Text.Json;
using Everest.Site.Billing;

namespace Everest.Site.Tests.Billing;

public sealed class ExportJsonTests
{
    public static TheoryData<DateTimeOffset> Instants => new()
    {
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(2026, 3, 29, 0, 59, 59, 999, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 31, 23, 30, 0, 5, TimeSpan.FromHours(-5)),
        new DateTimeOffset(2027, 1, 1, 0, 30, 7, 40, TimeSpan.FromHours(1)).AddTicks(9_999),
        new DateTimeOffset(999, 10, 2, 3, 4, 5, TimeSpan.FromMinutes(90)),
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void An_instant_is_written_as_the_exports_spell_it_in_utc_to_the_millisecond(DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, ExportJson.WriterOptions))
        {
            json.WriteStartObject();
            ExportJson.WriteUtc(json, ExportJson.Encoded("at"), at);
            json.WriteEndObject();
        }

        Assert.Equal($$"""{"at":"{{ExportFormat.Utc(at)}}"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
