using System.Text.Json;
using System.Text.Json.Nodes;
using Everest.Site.Hocon.Output;
using FsCheck;
using FsCheck.Fluent;

namespace Everest.Site.Hocon.Tests;

/// <summary>HOCON is a superset of JSON: any JSON document must read as the same tree.</summary>
public sealed class JsonEquivalenceProperties
{
    private static readonly Gen<string> Strings = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);

    private static Gen<JsonNode?> Scalar() => Gen.OneOf(
        Strings.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Constant<JsonNode?>(null));

    private static Gen<JsonNode?> Value(int size) => size <= 0
        ? Scalar()
        : Gen.Frequency(
            (3, Scalar()),
            (1, Value(size / 3).ListOf().Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Object(size / 3).Select(o => (JsonNode?)o)));

    private static Gen<JsonObject> Object(int size) =>
        Gen.Zip(Strings, Value(size)).ListOf().Select(fields =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in fields)
            {
                obj[key] = value;
            }

            return obj;
        });

    private static readonly Gen<(JsonObject Document, bool Indented)> Documents =
        Gen.Sized(size => Gen.Zip(Object(Math.Min(size, 30)), Gen.Elements(true, false)));

    [Fact]
    public void Any_json_document_reads_as_the_same_tree()
    {
        Prop.ForAll(Documents.ToArbitrary(), sample =>
        {
            var json = sample.Document.ToJsonString(new JsonSerializerOptions { WriteIndented = sample.Indented });
            using var expected = JsonDocument.Parse(json);
            var actual = Hocon.Parse(json);
            AssertSameTree(expected.RootElement, actual, "$");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_tree_written_as_hocon_text_reads_back_as_the_same_tree()
    {
        Prop.ForAll(Documents.ToArbitrary(), sample =>
        {
            var tree = Hocon.Parse(sample.Document.ToJsonString());
            var text = HoconTextWriter.ToHocon(tree, withOrigins: sample.Indented);
            Assert.Equal(tree.Json(), Hocon.Parse(text).Json());
        }).QuickCheckThrowOnFailure();
    }

    private static void AssertSameTree(JsonElement expected, HoconValue actual, string where)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = Assert.IsType<HoconObject>(actual);
                var properties = expected.EnumerateObject().ToList();
                Assert.Equal(properties.Select(p => p.Name), obj.Fields.Select(f => f.Key));
                foreach (var property in properties)
                {
                    AssertSameTree(property.Value, obj[property.Name], $"{where}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var array = Assert.IsType<HoconArray>(actual);
                var items = expected.EnumerateArray().ToList();
                Assert.Equal(items.Count, array.Items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    AssertSameTree(items[i], array.Items[i], $"{where}[{i}]");
                }

                break;
            case JsonValueKind.String:
                AssertScalar(HoconValueKind.String, expected.GetString(), actual, where);
                break;
            case JsonValueKind.Number:
                AssertScalar(HoconValueKind.Number, expected.GetRawText(), actual, where);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                AssertScalar(HoconValueKind.Boolean, expected.GetRawText(), actual, where);
                break;
            default:
                AssertScalar(HoconValueKind.Null, null, actual, where);
                break;
        }
    }

    private static void AssertScalar(HoconValueKind kind, string? text, HoconValue actual, string where)
    {
        var scalar = Assert.IsType<HoconScalar>(actual);
        Assert.True(scalar.Kind == kind && scalar.Text == text, $"at {where}: expected {kind} '{text}', read {scalar.Kind} '{scalar.Text}'");
    }
}
