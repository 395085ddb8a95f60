using System.Text;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.EverestApi.Tests.Wire;

public sealed class EverestJsonTests
{
    [Fact]
    public void A_request_envelope_carries_reply_to_and_payload()
    {
        var body = EverestJson.EncodeRequest("everest_api/1/evse_manager_consumer/m/e2m/reserve/1", 42, typeof(int));

        Assert.Equal("""{"headers":{"replyTo":"everest_api/1/evse_manager_consumer/m/e2m/reserve/1"},"payload":42}""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_request_without_arguments_has_no_payload_member()
    {
        var body = EverestJson.EncodeRequest("r", null, null);

        Assert.Equal("""{"headers":{"replyTo":"r"}}""", Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("""{"headers":{"replyTo":"r"},"payload":{"a":1}}""", true, "r")]
    [InlineData("""{"headers":{"replyTo":"r"}}""", true, "r")]
    [InlineData("""{"payload":1}""", false, "")]
    [InlineData("""{"headers":{"replyTo":""}}""", false, "")]
    [InlineData("""{"headers":{"replyTo":7}}""", false, "")]
    [InlineData("""[1]""", false, "")]
    [InlineData("""{"headers":""", false, "")]
    public void Envelopes_are_read_only_with_a_reply_to(string json, bool expected, string replyTo)
    {
        Assert.Equal(expected, EverestJson.TryReadEnvelope(Encoding.UTF8.GetBytes(json), out var actualReplyTo, out _, out var error));
        Assert.Equal(replyTo, actualReplyTo);
        Assert.Equal(expected, error.Length == 0);
    }

    [Theory]
    [InlineData("\"2019-08-24T14:15:22Z\"")]
    [InlineData("\"2019-08-24T14:15:22.123Z\"")]
    [InlineData("\"2019-08-24T14:15:22.5+02:00\"")]
    public void Timestamps_keep_their_rfc3339_form(string json)
    {
        var value = EverestJson.Decode<DateTimeOffset>(Encoding.UTF8.GetBytes(json));

        Assert.Equal(json, Encoding.UTF8.GetString(EverestJson.Encode(value)));
    }

    [Fact]
    public void Missing_required_properties_are_decoding_errors()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EverestJson.Decode<Limits>("""{"max_current":16}"""u8));
    }

    [Fact]
    public void Null_where_the_contract_has_no_null_is_a_decoding_error()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EverestJson.Decode<Limits>("""{"max_current":null,"nr_of_phases_available":3}"""u8));
    }

    [Fact]
    public void Absent_optional_properties_stay_absent()
    {
        var json = Encoding.UTF8.GetString(EverestJson.Encode(new Limits(16, 3)));

        Assert.Equal("""{"max_current":16,"nr_of_phases_available":3}""", json);
    }

    [Fact]
    public void A_type_outside_the_contract_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EverestJson.Encode(new Uri("http://x"), typeof(Uri)));
    }
}
