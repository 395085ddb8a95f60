using System.Text.Json.Nodes;
using Everest.Site.EverestApi.Messages;
using Everest.Site.EverestApi.Tests.Support;
using Everest.Site.Testing.Contract;

namespace Everest.Site.EverestApi.Tests.Contract;

/// <summary>
/// A newer EVerest may send fields and enum values we do not know: they must survive decode → encode,
/// so nothing is lost when a message is stored or forwarded.
/// </summary>
public sealed class ToleranceTests
{
    [Fact]
    public void Every_object_record_keeps_unknown_properties()
    {
        var messageTypes = typeof(EverestObject).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(EverestObject).Namespace && !type.IsAbstract && type.IsClass && !type.IsNested)
            .ToList();

        Assert.NotEmpty(messageTypes);
        Assert.All(messageTypes, type => Assert.True(type.IsSubclassOf(typeof(EverestObject)), $"{type.Name} does not keep unknown properties"));
        Assert.All(messageTypes, type => Assert.True(type.IsSealed, $"{type.Name} is not sealed"));
    }

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void Unknown_properties_at_every_level_survive_a_round_trip(string api, string operation)
    {
        var spec = Specs.All.Get(api);
        var ours = Specs.Descriptor(api, operation);
        var schema = spec.Operation(operation).Message.PayloadSchema;
        if (schema is null || ours.PayloadType is null)
        {
            return; // No payload on the wire.
        }

        var sample = Specs.Samples.Generate(spec, schema, SampleMode.AllProperties);
        var objectsTouched = AddUnknownProperties(ours.HasEnvelope ? sample?["payload"] : sample);

        var (_, encoded) = WireRoundTrip.Message(ours, sample);

        JsonEquivalence.AssertEquivalent(sample, encoded, $"{ours} with unknown properties in {objectsTouched} objects");
    }

    [Fact]
    public void A_session_event_from_a_newer_everest_survives_decoding_and_encoding()
    {
        var json = JsonNode.Parse("""
            {
              "uuid": "5d1a", "event": "ChargingThrottled", "timestamp": "2026-03-01T12:00:00Z",
              "charging_state_changed_event": {
                "meter_value": { "timestamp": "2026-03-01T12:00:00Z", "energy_Wh_import": { "total": 10 }, "energy_Wh_import_signed": { "total": { "x": 1 } } },
                "throttle_reason": "grid"
              },
              "source": { "enable_source": "GridOperator", "enable_state": "Enable", "enable_priority": 50 },
              "schema_version": 3
            }
            """);

        var (decoded, encoded) = WireRoundTrip.Message(EverestApiContract.Get(EverestApiType.EvseManagerConsumer, "session_event"), json);

        var sessionEvent = decoded.PayloadAs<SessionEvent>();
        Assert.False(sessionEvent.Event.IsKnown);
        Assert.False(sessionEvent.Source!.EnableSource.IsKnown);
        Assert.True(sessionEvent.Source.EnableState.IsKnown);
        Assert.Equal(10, sessionEvent.ChargingStateChangedEvent!.MeterValue.EnergyWhImport.Total);
        JsonEquivalence.AssertEquivalent(json, encoded, "session_event from a newer EVerest");
    }

    /// <summary>Adds an unknown property to every object in the tree; returns how many objects got one.</summary>
    private static int AddUnknownProperties(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                var count = 1 + json.Select(property => property.Value).ToList().Sum(AddUnknownProperties);
                json["x_added_by_a_newer_everest"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
                return count;
            case JsonArray array:
                return array.Sum(AddUnknownProperties);
            default:
                return 0;
        }
    }
}
