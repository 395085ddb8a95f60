using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Contract;

/// <summary>The examples the specs give decode into our records, and our encoding of them is valid against the spec.</summary>
public sealed class SpecExampleTests
{
    /// <summary>
    /// Examples that contradict their own spec's schema. We follow the schema (which is also what EVerest's
    /// codec parses); the test below proves each one is still invalid, so a fixed spec removes it from here.
    /// </summary>
    private static readonly Dictionary<(string Api, string Operation), string> ContradictoryExamples = new()
    {
        [("ocpp_consumer", "monitor_variables")] = "items are ComponentVariable objects, but the example wraps each in a component_variable member",
    };

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void Message_examples_decode_and_our_encoding_validates(string api, string operation)
    {
        var spec = Specs.All.Get(api).Operation(operation);
        var ours = Specs.Descriptor(api, operation);
        if (ContradictoryExamples.ContainsKey((api, operation)))
        {
            return; // Covered by Contradictory_examples_are_still_invalid_against_their_own_schema.
        }

        foreach (var example in spec.Message.Examples)
        {
            var (_, encoded) = WireRoundTrip.Message(ours, example);

            SpecAssert.Valid(Specs.All.Validator.Validate(api, operation, encoded));
            // Everything the example says survives; we may add what the schema requires (e.g. an empty tariff_messages).
            JsonEquivalence.AssertEquivalent(example, encoded, $"{ours} example", allowExtraInActual: true);
        }
    }

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void Reply_examples_decode_and_our_encoding_validates(string api, string operation)
    {
        var spec = Specs.All.Get(api).Operation(operation);
        var ours = Specs.Descriptor(api, operation);

        foreach (var example in spec.Reply?.Examples ?? [])
        {
            var (_, encoded) = WireRoundTrip.Reply(ours, example);

            SpecAssert.Valid(Specs.All.Validator.ValidateReply(api, operation, encoded));
            JsonEquivalence.AssertEquivalent(example, encoded, $"{ours} reply example");
        }
    }

    [Fact]
    public void Contradictory_examples_are_still_invalid_against_their_own_schema()
    {
        foreach (var ((api, operation), reason) in ContradictoryExamples)
        {
            var examples = Specs.All.Get(api).Operation(operation).Message.Examples;

            Assert.NotEmpty(examples);
            Assert.All(examples, example => Assert.True(Specs.All.Validator.Validate(api, operation, example).Count > 0,
                $"{api}/{operation}: the example now fits the schema ({reason} no longer holds); drop it from {nameof(ContradictoryExamples)}."));
        }
    }

    [Fact]
    public void The_specs_do_have_examples_for_us_to_check()
    {
        var messageExamples = Specs.ContractOperations.Sum(operation => operation.Message.Examples.Count);
        var replyExamples = Specs.ContractOperations.Sum(operation => operation.Reply?.Examples.Count ?? 0);

        // Guards the two theories above against passing vacuously if the loader stopped finding examples.
        Assert.True(messageExamples >= 20, $"only {messageExamples} message examples found");
        Assert.True(replyExamples >= 5, $"only {replyExamples} reply examples found");
    }
}
