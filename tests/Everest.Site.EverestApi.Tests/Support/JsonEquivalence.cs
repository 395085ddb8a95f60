using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>Structural JSON comparison in which numbers compare by value (1 equals 1.0).</summary>
public static class JsonEquivalence
{
    /// <summary>The differences between two values, empty when they are equivalent.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, bool allowExtraInActual = false)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", allowExtraInActual, differences);
        return differences;
    }

    public static void AssertEquivalent(JsonNode? expected, JsonNode? actual, string context, bool allowExtraInActual = false)
    {
        var differences = Differences(expected, actual, allowExtraInActual);
        Assert.True(differences.Count == 0,
            $"{context}: {string.Join("; ", differences)}\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, bool allowExtra, List<string> differences)
    {
        var expectedKind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (expectedKind != actualKind)
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }

        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = actual!.AsObject();
                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var actualValue))
                    {
                        differences.Add($"{path}.{name}: missing");
                        continue;
                    }

                    Compare(value, actualValue, $"{path}.{name}", allowExtra, differences);
                }

                if (!allowExtra)
                {
                    differences.AddRange(actualObject.Where(property => !expectedObject.ContainsKey(property.Key)).Select(property => $"{path}.{property.Key}: unexpected"));
                }

                break;
            case JsonArray expectedArray:
                var actualArray = actual!.AsArray();
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: {expectedArray.Count} items expected, got {actualArray.Count}");
                    return;
                }

                for (var index = 0; index < expectedArray.Count; index++)
                {
                    Compare(expectedArray[index], actualArray[index], $"{path}[{index}]", allowExtra, differences);
                }

                break;
            case JsonValue when expectedKind == JsonValueKind.Number:
                if (ToDecimal(expected) != ToDecimal(actual!))
                {
                    differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual!.ToJsonString()}");
                }

                break;
            case JsonValue:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual!.ToJsonString()}");
                }

                break;
        }
    }

    private static decimal ToDecimal(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
