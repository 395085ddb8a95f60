using System.Text.Json.Nodes;

namespace Everest.Site.Testing.Contract;

/// <summary>
/// Builds a JSON value that satisfies a spec schema: the first enum value, minimum numbers, one array item,
/// RFC 3339 timestamps. Schemas of specs that are not in the folder (<c>$ref: ../powermeter_API/…</c>) are
/// taken from <paramref name="externalSamples"/>, keyed by schema name (the last segment of the reference);
/// a missing one is an error naming it.
/// </summary>
public sealed class SchemaSampleGenerator(EverestApiSpecSet specs, IReadOnlyDictionary<string, JsonNode?> externalSamples)
{
    private const int MaxDepth = 32;

    /// <summary>Strings for the few <c>pattern</c>s the specs use.</summary>
    private static readonly Dictionary<string, string> PatternSamples = new(StringComparer.Ordinal)
    {
        ["^[A-Fa-f0-9]{2}(:[A-Fa-f0-9]{2}){5}$"] = "0a:1b:2c:3d:4e:5f",
    };

    public JsonNode? Generate(ApiSpec context, JsonNode? schema, SampleMode mode) => Generate(context, schema, mode, 0, "$");

    private JsonNode? Generate(ApiSpec context, JsonNode? schema, SampleMode mode, int depth, string path)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{path}: schema nesting deeper than {MaxDepth}.");
        }

        if (schema is not JsonObject rules)
        {
            return JsonValue.Create("sample");
        }

        if (rules["$ref"]?.ToString() is { } reference)
        {
            if (specs.TryResolve(context, reference, out var target, out var resolved))
            {
                return Generate(target, resolved, mode, depth + 1, path);
            }

            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return externalSamples.TryGetValue(name, out var sample)
                ? sample?.DeepClone()
                : throw new InvalidOperationException($"{path}: '{reference}' points into a spec that is not loaded; add a sample for '{name}'.");
        }

        if (rules["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]?.DeepClone();
        }

        var type = rules["type"] is JsonArray types ? types[0]?.ToString() : rules["type"]?.ToString();
        type ??= rules["properties"] is not null ? "object" : null;
        return type switch
        {
            "object" => GenerateObject(context, rules, mode, depth, path),
            "array" => GenerateArray(context, rules, mode, depth, path),
            "string" => GenerateString(rules, path),
            "integer" => JsonValue.Create((long)Clamp(rules, 1m)),
            "number" => JsonValue.Create((double)Clamp(rules, 1.5m)),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => JsonValue.Create("sample"),
        };
    }

    private JsonObject GenerateObject(ApiSpec context, JsonObject rules, SampleMode mode, int depth, string path)
    {
        var result = new JsonObject();
        var required = (rules["required"] as JsonArray ?? []).Select(name => name?.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, propertySchema) in rules["properties"] as JsonObject ?? [])
        {
            if (mode == SampleMode.AllProperties || required.Contains(name))
            {
                result[name] = Generate(context, propertySchema, mode, depth + 1, $"{path}.{name}");
            }
        }

        return result;
    }

    private JsonArray GenerateArray(ApiSpec context, JsonObject rules, SampleMode mode, int depth, string path)
    {
        var count = Math.Max(1, (int)(rules["minItems"]?.GetValue<long>() ?? 0));
        var array = new JsonArray();
        for (var index = 0; index < count; index++)
        {
            array.Add(Generate(context, rules["items"], mode, depth + 1, $"{path}[{index}]"));
        }

        return array;
    }

    private static JsonValue GenerateString(JsonObject rules, string path)
    {
        if (rules["format"]?.ToString() == "date-time")
        {
            return JsonValue.Create("2024-05-06T07:08:09.25Z");
        }

        if (rules["pattern"]?.ToString() is { } pattern)
        {
            return PatternSamples.TryGetValue(pattern, out var sample)
                ? JsonValue.Create(sample)
                : throw new InvalidOperationException($"{path}: no sample string for pattern /{pattern}/.");
        }

        var minLength = (int)(rules["minLength"]?.GetValue<long>() ?? 0);
        var maxLength = (int)(rules["maxLength"]?.GetValue<long>() ?? int.MaxValue);
        return JsonValue.Create(minLength <= 3 && maxLength >= 3 ? "EUR" : new string('a', Math.Max(1, minLength)));
    }

    private static decimal Clamp(JsonObject rules, decimal preferred)
    {
        var value = rules["minimum"] is JsonValue minimum ? Number(minimum) : preferred;
        return rules["maximum"] is JsonValue maximum && value > Number(maximum) ? Number(maximum) : value;
    }

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
