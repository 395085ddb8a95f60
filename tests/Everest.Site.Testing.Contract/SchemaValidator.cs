using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Everest.Site.Testing.Contract;

/// <summary>
/// Validates JSON values against the EVerest API specs with the JSON-schema subset they use: <c>type</c>,
/// <c>required</c>, <c>enum</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c>, <c>$ref</c>
/// (local and to sibling spec files), <c>minimum</c>/<c>maximum</c>, <c>minLength</c>/<c>maxLength</c>,
/// <c>minItems</c>/<c>maxItems</c>, <c>pattern</c> and <c>format: date-time</c>.
/// As in JSON schema draft 7 (which AsyncAPI 3 uses), keywords next to a resolvable <c>$ref</c> are ignored.
/// A <c>$ref</c> into a spec that is not in the folder cannot be checked: it is recorded in
/// <see cref="UnresolvedReferences"/> and only its sibling keywords are applied.
/// </summary>
public sealed partial class SchemaValidator
{
    private const int MaxDepth = 64;
    private readonly EverestApiSpecSet specs;
    private readonly ConcurrentDictionary<string, byte> unresolved = new(StringComparer.Ordinal);

    internal SchemaValidator(EverestApiSpecSet specs)
    {
        this.specs = specs;
    }

    /// <summary>References into specs that are not in the folder, seen so far (their content was not checked).</summary>
    public IReadOnlyCollection<string> UnresolvedReferences => [.. unresolved.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Validates the message published on an operation's own topic (for requests, the whole envelope
    /// <c>{"headers":{"replyTo":…},"payload":…}</c>). Returns the errors, empty when valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string api, string operation, JsonNode? value)
    {
        var spec = specs.Get(api);
        var message = spec.Operation(operation).Message;
        return Validate(spec, message.PayloadSchema, value, $"{api}/{operation}");
    }

    /// <summary>Validates the bare reply value of a request (either direction). Returns the errors, empty when valid.</summary>
    public IReadOnlyList<string> ValidateReply(string api, string operation, JsonNode? value)
    {
        var spec = specs.Get(api);
        var reply = spec.Operation(operation).Reply
            ?? throw new ArgumentException($"{api}/{operation} has no reply in {spec.FileName}.", nameof(operation));
        return Validate(spec, reply.PayloadSchema, value, $"{api}/{operation} reply");
    }

    /// <summary>Validates a value against a schema node of <paramref name="context"/>. A null schema accepts everything.</summary>
    public IReadOnlyList<string> Validate(ApiSpec context, JsonNode? schema, JsonNode? value, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<string>();
        Check(context, schema, value, path, errors, 0);
        return errors;
    }

    private void Check(ApiSpec context, JsonNode? schema, JsonNode? value, string path, List<string> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            errors.Add($"{path}: schema nesting deeper than {MaxDepth} (a $ref cycle?).");
            return;
        }

        if (schema is JsonValue booleanSchema && booleanSchema.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (booleanSchema.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: no value is allowed here.");
            }

            return;
        }

        if (schema is not JsonObject rules)
        {
            return;
        }

        if (rules["$ref"]?.ToString() is { } reference)
        {
            if (specs.TryResolve(context, reference, out var target, out var resolved))
            {
                Check(target, resolved, value, path, errors, depth + 1);
                return;
            }

            unresolved.TryAdd(reference, 0);
        }

        if (!CheckType(rules["type"], value, path, errors))
        {
            return;
        }

        if (rules["enum"] is JsonArray allowed && !allowed.Any(candidate => JsonNode.DeepEquals(candidate, value)))
        {
            errors.Add($"{path}: {Describe(value)} is not one of [{string.Join(", ", allowed.Select(Describe))}].");
        }

        switch (value)
        {
            case JsonObject json:
                CheckObject(context, rules, json, path, errors, depth);
                break;
            case JsonArray array:
                CheckArray(context, rules, array, path, errors, depth);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(rules, scalar.GetValue<string>(), path, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(rules, ToDecimal(scalar), path, errors);
                break;
        }
    }

    private void CheckObject(ApiSpec context, JsonObject rules, JsonObject json, string path, List<string> errors, int depth)
    {
        foreach (var required in rules["required"] as JsonArray ?? [])
        {
            var name = required?.ToString();
            if (name is not null && !json.ContainsKey(name))
            {
                errors.Add($"{path}: required property '{name}' is missing.");
            }
        }

        var properties = rules["properties"] as JsonObject;
        var additional = rules["additionalProperties"];
        foreach (var (name, propertyValue) in json)
        {
            if (properties is not null && properties.TryGetPropertyValue(name, out var propertySchema))
            {
                Check(context, propertySchema, propertyValue, $"{path}.{name}", errors, depth + 1);
            }
            else if (additional is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: property '{name}' is not allowed (additionalProperties: false).");
            }
            else if (additional is JsonObject)
            {
                Check(context, additional, propertyValue, $"{path}.{name}", errors, depth + 1);
            }
        }
    }

    private void CheckArray(ApiSpec context, JsonObject rules, JsonArray array, string path, List<string> errors, int depth)
    {
        if (rules["minItems"] is JsonValue minItems && array.Count < ToDecimal(minItems))
        {
            errors.Add($"{path}: {array.Count} items, at least {minItems} required.");
        }

        if (rules["maxItems"] is JsonValue maxItems && array.Count > ToDecimal(maxItems))
        {
            errors.Add($"{path}: {array.Count} items, at most {maxItems} allowed.");
        }

        if (rules["items"] is { } itemSchema)
        {
            for (var index = 0; index < array.Count; index++)
            {
                Check(context, itemSchema, array[index], $"{path}[{index}]", errors, depth + 1);
            }
        }
    }

    private static void CheckString(JsonObject rules, string text, string path, List<string> errors)
    {
        var length = new StringInfo(text).LengthInTextElements;
        if (rules["minLength"] is JsonValue minLength && length < ToDecimal(minLength))
        {
            errors.Add($"{path}: \"{text}\" is shorter than {minLength}.");
        }

        if (rules["maxLength"] is JsonValue maxLength && length > ToDecimal(maxLength))
        {
            errors.Add($"{path}: a string of {length} characters is longer than {maxLength}.");
        }

        if (rules["pattern"]?.ToString() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: \"{text}\" does not match /{pattern}/.");
        }

        if (rules["format"]?.ToString() == "date-time" && !DateTimePattern().IsMatch(text))
        {
            errors.Add($"{path}: \"{text}\" is not an RFC 3339 date-time.");
        }
    }

    private static void CheckNumber(JsonObject rules, decimal number, string path, List<string> errors)
    {
        if (rules["minimum"] is JsonValue minimum && number < ToDecimal(minimum))
        {
            errors.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is below the minimum {minimum}.");
        }

        if (rules["maximum"] is JsonValue maximum && number > ToDecimal(maximum))
        {
            errors.Add($"{path}: {number.ToString(CultureInfo.InvariantCulture)} is above the maximum {maximum}.");
        }
    }

    /// <summary>Checks <c>type</c>; returns false when the value has the wrong type (further checks would only add noise).</summary>
    private static bool CheckType(JsonNode? typeNode, JsonNode? value, string path, List<string> errors)
    {
        if (typeNode is null)
        {
            return true;
        }

        var types = typeNode is JsonArray list ? list.Select(type => type?.ToString()).ToArray() : [typeNode.ToString()];
        if (types.Any(type => HasType(type, value)))
        {
            return true;
        }

        errors.Add($"{path}: expected {string.Join(" or ", types)}, got {Describe(value)}.");
        return false;
    }

    private static bool HasType(string? type, JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        return type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && decimal.Truncate(ToDecimal(value!.AsValue())) == ToDecimal(value!.AsValue()),
            "null" => kind == JsonValueKind.Null,
            _ => true,
        };
    }

    private static decimal ToDecimal(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();
}
