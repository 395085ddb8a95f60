using System.Text.Json.Nodes;
using Everest.Site.EverestApi.Tests.Support;
using Everest.Site.Testing.Contract;

namespace Everest.Site.EverestApi.Tests.Contract;

/// <summary>
/// Payloads built from each spec schema (every property, and required properties only) decode into our
/// records without leftovers — so every property name we model is spelled as the spec spells it — and
/// re-encode to the same JSON, valid against the schema.
/// </summary>
public sealed class SchemaSampleTests
{
    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void A_message_with_every_property_round_trips_exactly(string api, string operation) =>
        CheckMessage(api, operation, SampleMode.AllProperties);

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void A_message_with_only_required_properties_round_trips_exactly(string api, string operation) =>
        CheckMessage(api, operation, SampleMode.RequiredOnly);

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void A_reply_with_every_property_round_trips_exactly(string api, string operation) =>
        CheckReply(api, operation, SampleMode.AllProperties);

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void A_reply_with_only_required_properties_round_trips_exactly(string api, string operation) =>
        CheckReply(api, operation, SampleMode.RequiredOnly);

    /// <summary>Schemas the specs declare without any operation using them yet, and our records for them.</summary>
    [Theory]
    [InlineData("evse_manager_consumer", "RequestExiStreamSchema", typeof(Messages.RequestExiStreamSchema))]
    [InlineData("evse_manager_consumer", "ResponseExiStreamStatus", typeof(Messages.ResponseExiStreamStatus))]
    public void Declared_schemas_without_an_operation_round_trip_too(string api, string schemaName, Type recordType)
    {
        var spec = Specs.All.Get(api);
        var schema = spec.Schemas[schemaName];

        foreach (var mode in new[] { SampleMode.AllProperties, SampleMode.RequiredOnly })
        {
            var sample = Specs.Samples.Generate(spec, schema, mode);
            var decoded = Json.EverestJson.Decode(System.Text.Encoding.UTF8.GetBytes(sample!.ToJsonString()), recordType);
            var encoded = JsonNode.Parse(Json.EverestJson.Encode(decoded, recordType));

            Assert.Empty(AdditionalPropertyScanner.Find(decoded));
            SpecAssert.Valid(Specs.All.Validator.Validate(spec, schema, encoded));
            JsonEquivalence.AssertEquivalent(sample, encoded, $"{schemaName} ({mode})");
        }
    }

    private static void CheckMessage(string api, string operation, SampleMode mode)
    {
        var specs = Specs.All;
        var spec = specs.Get(api);
        var message = spec.Operation(operation).Message;
        var ours = Specs.Descriptor(api, operation);
        if (message.PayloadSchema is null)
        {
            // Nothing on the wire to build (e.g. random_delay_enable); our contract says so too.
            Assert.True(ours.PayloadType is null || ours.Name == "supported_energy_transfer_modes", $"{ours} has a payload type but the spec no payload");
            return;
        }

        var sample = Specs.Samples.Generate(spec, message.PayloadSchema, mode);
        if (ours.HasEnvelope && mode == SampleMode.RequiredOnly)
        {
            // The envelope schemas mark nothing as required, yet a request without replyTo is dropped; keep the envelope whole.
            sample = new JsonObject { ["headers"] = new JsonObject { ["replyTo"] = "everest_api/1/any/module/e2m/op/1" } };
            if (message.PayloadSchema?["properties"]?["payload"] is { } payloadSchema)
            {
                sample["payload"] = Specs.Samples.Generate(spec, payloadSchema, mode);
            }
        }

        SpecAssert.Valid(specs.Validator.Validate(api, operation, sample));

        var (decoded, encoded) = WireRoundTrip.Message(ours, sample);

        Assert.Empty(AdditionalPropertyScanner.Find(decoded.Payload));
        SpecAssert.Valid(specs.Validator.Validate(api, operation, encoded));
        JsonEquivalence.AssertEquivalent(sample, encoded, $"{ours} ({mode})");
    }

    private static void CheckReply(string api, string operation, SampleMode mode)
    {
        var specs = Specs.All;
        var spec = specs.Get(api);
        var reply = spec.Operation(operation).Reply;
        var ours = Specs.Descriptor(api, operation);
        if (reply is null)
        {
            Assert.Null(ours.ReplyType);
            return;
        }

        var sample = Specs.Samples.Generate(spec, reply.PayloadSchema, mode);
        SpecAssert.Valid(specs.Validator.ValidateReply(api, operation, sample));

        var (decoded, encoded) = WireRoundTrip.Reply(ours, sample);

        Assert.Empty(AdditionalPropertyScanner.Find(decoded));
        SpecAssert.Valid(specs.Validator.ValidateReply(api, operation, encoded));
        JsonEquivalence.AssertEquivalent(sample, encoded, $"{ours} reply ({mode})");
    }
}
