using System.Globalization;
using System.Reflection;
using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// Walks an options type and a configuration section side by side before binding, and reports every value that
/// would not bind (wrong type, object where a value belongs, …) and every key no property reads (usually a typo),
/// each with its origin. The stock binder would stop at the first bad value and ignore unknown keys.
/// </summary>
internal sealed class OptionsShapeChecker(IConfigurationRoot root)
{
    private readonly List<ConfigurationProblem> _problems = [];

    public IReadOnlyList<ConfigurationProblem> Check(Type optionsType, IConfigurationSection section)
    {
        CheckObject(optionsType, section);
        return _problems;
    }

    private void Report(IConfigurationSection section, string message) =>
        _problems.Add(new ConfigurationProblem(section.Path, ConfigurationOrigins.Describe(root, section.Path), message));

    private static Dictionary<string, PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.SetMethod is { IsPublic: true })
            .ToDictionary(
                OptionKeys.NameOf,
                StringComparer.OrdinalIgnoreCase);

    private void CheckObject(Type type, IConfigurationSection section)
    {
        var properties = BindableProperties(type);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckValue(property.PropertyType, child);
            }
            else
            {
                Report(child, $"unknown key '{child.Key}' (a typo?); expected one of: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}");
            }
        }
    }

    private void CheckValue(Type type, IConfigurationSection section)
    {
        var hasChildren = section.GetChildren().Any();
        if (!hasChildren && section.Value is null)
        {
            // null (or an empty object/array) binds as "not set": the property keeps its default.
            return;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != type && !hasChildren && string.IsNullOrEmpty(section.Value))
        {
            // An empty value for an optional setting means "not set"; the binder leaves it null.
            return;
        }

        if (Describe(underlying) is { } expected)
        {
            if (hasChildren)
            {
                Report(section, $"expected {expected}, found an object or array");
            }
            else if (!Converts(underlying, section.Value!))
            {
                Report(section, $"expected {expected}, found '{section.Value}'");
            }

            return;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            var children = section.GetChildren().ToList();
            if (!hasChildren || children.Where((c, i) => c.Key != i.ToString(CultureInfo.InvariantCulture)).Any())
            {
                Report(section, hasChildren ? "expected an array, found an object" : $"expected an array, found '{section.Value}'");
                return;
            }

            var elementType = underlying.GetGenericArguments()[0];
            foreach (var child in children)
            {
                CheckValue(elementType, child);
            }

            return;
        }

        if (!hasChildren)
        {
            Report(section, $"expected an object, found '{section.Value}'");
            return;
        }

        CheckObject(underlying, section);
    }

    /// <summary>What a scalar type expects, in words; null for objects and lists.</summary>
    private static string? Describe(Type type) => type switch
    {
        _ when type == typeof(string) => "a string",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(int) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) => "a number",
        _ when type == typeof(TimeSpan) => "a duration such as 5s, 500 ms, 2m or 1h",
        _ when type == typeof(TimeOnly) => "a time of day \"HH:mm\"",
        _ when type == typeof(DateTimeOffset) => "a date and time with offset such as \"2027-01-01T00:00:00+01:00\"",
        _ when type == typeof(ByteSize) => "a size such as 512, 10MB or 10MiB",
        { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}",
        _ => null,
    };

    private static readonly string[] TimeOfDayFormats = ["HH:mm", "HH:mm:ss"];

    /// <summary>An ISO 8601 date and time with an explicit offset (or Z): a tariff change must not depend on the machine's zone.</summary>
    private static bool IsIsoInstant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && value.Contains('T', StringComparison.Ordinal)
        && (value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal));

    private static bool Converts(Type type, string value) => type switch
    {
        _ when type == typeof(string) => true,
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
        _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(TimeSpan) => HoconDuration.TryParse(value, out _, out _),
        _ when type == typeof(TimeOnly) => TimeOnly.TryParseExact(value, TimeOfDayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ when type == typeof(DateTimeOffset) => IsIsoInstant(value),
        _ when type == typeof(ByteSize) => HoconByteSize.TryParse(value, out _, out _),
        { IsEnum: true } => Enum.GetNames(type).Contains(value, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };
}
