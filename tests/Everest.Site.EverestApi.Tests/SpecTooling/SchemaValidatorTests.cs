using System.Text.Json.Nodes;
using Everest.Site.EverestApi.Tests.Support;
using Everest.Site.Testing.Contract;

namespace Everest.Site.EverestApi.Tests.SpecTooling;

/// <summary>The JSON-schema subset validator, on small schemas and on the specs themselves.</summary>
public sealed class SchemaValidatorTests
{
    private static readonly ApiSpec Context = Specs.All.Get("external_energy_limits_consumer");

    private static IReadOnlyList<string> Check(string schema, string value) =>
        Specs.All.Validator.Validate(Context, JsonNode.Parse(schema), JsonNode.Parse(value));

    [Theory]
    [InlineData("""{"type":"integer"}""", "3", true)]
    [InlineData("""{"type":"integer"}""", "3.0", true)]
    [InlineData("""{"type":"integer"}""", "3.5", false)]
    [InlineData("""{"type":"integer"}""", "\"3\"", false)]
    [InlineData("""{"type":"number"}""", "3.5", true)]
    [InlineData("""{"type":"number"}""", "true", false)]
    [InlineData("""{"type":"string"}""", "\"x\"", true)]
    [InlineData("""{"type":"string"}""", "null", false)]
    [InlineData("""{"type":"boolean"}""", "false", true)]
    [InlineData("""{"type":"boolean"}""", "0", false)]
    [InlineData("""{"type":"object"}""", "{}", true)]
    [InlineData("""{"type":"object"}""", "[]", false)]
    [InlineData("""{"type":"array"}""", "[]", true)]
    [InlineData("""{"type":["string","null"]}""", "null", true)]
    public void Type_is_checked(string schema, string value, bool valid) =>
        Assert.Equal(valid, Check(schema, value).Count == 0);

    [Theory]
    [InlineData("""{"enum":["A","B"]}""", "\"B\"", true)]
    [InlineData("""{"enum":["A","B"]}""", "\"b\"", false)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":3}""", "1", true)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":3}""", "0", false)]
    [InlineData("""{"type":"integer","minimum":1,"maximum":3}""", "4", false)]
    [InlineData("""{"type":"string","minLength":3,"maxLength":3}""", "\"EUR\"", true)]
    [InlineData("""{"type":"string","minLength":3,"maxLength":3}""", "\"EU\"", false)]
    [InlineData("""{"type":"string","minLength":3,"maxLength":3}""", "\"EURO\"", false)]
    [InlineData("""{"type":"string","pattern":"^[0-9]+$"}""", "\"123\"", true)]
    [InlineData("""{"type":"string","pattern":"^[0-9]+$"}""", "\"12a\"", false)]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2024-05-06T07:08:09Z\"", true)]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2024-05-06T07:08:09.123+02:00\"", true)]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"yesterday\"", false)]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}""", "[1]", true)]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}""", "[]", false)]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2}""", "[1,2,3]", false)]
    [InlineData("""{"type":"array","items":{"type":"integer"}}""", "[1,\"x\"]", false)]
    public void Value_constraints_are_checked(string schema, string value, bool valid) =>
        Assert.Equal(valid, Check(schema, value).Count == 0);

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""{"a":1,"extra":true}""", true)]
    [InlineData("""{}""", false)]
    [InlineData("""{"a":"1"}""", false)]
    public void Required_and_properties_are_checked(string value, bool valid) =>
        Assert.Equal(valid, Check("""{"type":"object","required":["a"],"properties":{"a":{"type":"integer"}}}""", value).Count == 0);

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""{"a":1,"b":2}""", false)]
    public void AdditionalProperties_false_rejects_unknown_members(string value, bool valid) =>
        Assert.Equal(valid, Check("""{"type":"object","additionalProperties":false,"properties":{"a":{"type":"integer"}}}""", value).Count == 0);

    [Fact]
    public void AdditionalProperties_as_a_schema_checks_unknown_members()
    {
        const string schema = """{"type":"object","additionalProperties":{"type":"integer"}}""";

        Assert.Empty(Check(schema, """{"x":1}"""));
        Assert.NotEmpty(Check(schema, """{"x":"1"}"""));
    }

    [Fact]
    public void A_local_ref_is_followed()
    {
        const string schema = """{"$ref":"#/components/schemas/NumberWithSource"}""";

        Assert.Empty(Check(schema, """{"value":1.5,"source":"site"}"""));
        Assert.Contains(Check(schema, """{"value":1.5}"""), error => error.Contains("'source'", StringComparison.Ordinal));
    }

    [Fact]
    public void Keywords_next_to_a_resolvable_ref_are_ignored_as_in_draft_7()
    {
        // session_cost writes "type: object" next to a $ref to a string enum (SessionCost.status).
        var spec = Specs.All.Get("session_cost");
        var schema = JsonNode.Parse("""{"type":"object","$ref":"#/components/schemas/SessionStatus"}""");

        Assert.Empty(Specs.All.Validator.Validate(spec, schema, JsonValue.Create("Running")));
        Assert.NotEmpty(Specs.All.Validator.Validate(spec, schema, JsonValue.Create("Paused")));
    }

    [Fact]
    public void A_ref_into_a_sibling_spec_in_the_folder_is_followed()
    {
        var spec = Specs.All.Get("evse_manager_consumer");
        var schema = JsonNode.Parse("""{"$ref":"../auth_token_validator_API/asyncapi.yaml#/components/schemas/AuthorizationStatus"}""");

        Assert.Empty(Specs.All.Validator.Validate(spec, schema, JsonValue.Create("Accepted")));
        Assert.NotEmpty(Specs.All.Validator.Validate(spec, schema, JsonValue.Create("Maybe")));
    }

    [Fact]
    public void A_ref_into_a_spec_not_in_the_folder_applies_its_sibling_keywords_and_is_reported()
    {
        var spec = Specs.All.Get("evse_manager_consumer");
        var schema = JsonNode.Parse("""{"type":"object","$ref":"../nowhere_API/asyncapi.yaml#/components/schemas/Thing"}""");

        Assert.Empty(Specs.All.Validator.Validate(spec, schema, JsonNode.Parse("{}")));
        Assert.NotEmpty(Specs.All.Validator.Validate(spec, schema, JsonValue.Create(3)));
        Assert.Contains("../nowhere_API/asyncapi.yaml#/components/schemas/Thing", Specs.All.Validator.UnresolvedReferences);
    }

    [Fact]
    public void Errors_name_the_path_of_the_offending_value()
    {
        var errors = Specs.All.Validator.Validate("system", "firmware_update_status", JsonNode.Parse("""{"firmware_update_status":"Downloaded","request_id":"seven"}"""));

        Assert.Equal(["system/firmware_update_status.request_id: expected integer, got \"seven\"."], errors);
    }

    [Fact]
    public void Envelopes_and_replies_are_validated_against_their_own_messages()
    {
        var validator = Specs.All.Validator;

        Assert.Empty(validator.Validate("evse_manager_consumer", "reserve", JsonNode.Parse("""{"headers":{"replyTo":"t"},"payload":5}""")));
        Assert.NotEmpty(validator.Validate("evse_manager_consumer", "reserve", JsonNode.Parse("""{"headers":{"replyTo":"t"},"payload":"5"}""")));
        Assert.Empty(validator.ValidateReply("evse_manager_consumer", "reserve", JsonValue.Create(true)));
        Assert.NotEmpty(validator.ValidateReply("evse_manager_consumer", "reserve", JsonValue.Create("true")));
        Assert.Throws<ArgumentException>(() => validator.ValidateReply("evse_manager_consumer", "session_event", JsonValue.Create(true)));
    }
}
