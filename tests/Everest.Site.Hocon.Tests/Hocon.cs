using System.Text.Json;
using Everest.Site.Hocon.Output;

namespace Everest.Site.Hocon.Tests;

/// <summary>Shorthands for the tests: parse with a controlled environment and read values by path.</summary>
internal static class Hocon
{
    public static HoconObject Parse(string text, IReadOnlyDictionary<string, string>? environment = null) =>
        HoconLoader.Parse(text, "test.conf", name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);

    public static HoconException ParseFails(string text, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Throws<HoconException>(() => Parse(text, environment));

    public static HoconValue At(this HoconObject root, string path) =>
        root.TryGetPath(path, out var value) ? value : throw new Xunit.Sdk.XunitException($"no value at '{path}' in {HoconJsonWriter.ToJson(root, indented: false)}");

    public static string? Text(this HoconObject root, string path) => Assert.IsType<HoconScalar>(root.At(path)).Text;

    /// <summary>The tree as compact JSON: a readable way to compare whole trees (kinds included).</summary>
    public static string Json(this HoconValue value) => HoconJsonWriter.ToJson(value, indented: false);

    /// <summary>Re-serializes JSON text compactly so expected trees can be written readably.</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
