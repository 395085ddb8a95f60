using System.Collections.Frozen;
using System.Text.Json;

namespace Everest.Site.Billing;

/// <summary>
/// The snake_case names of <typeparamref name="TEnum"/>'s members (<see cref="ExportFormat.Snake"/>), escaped for
/// the JSON exports once instead of spelled out again for every CDR.
/// </summary>
internal static class SnakeCaseNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, JsonEncodedText> Names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(value => value, value => ExportJson.Encoded(ExportFormat.Snake(value.ToString())));

    /// <summary>The name of <paramref name="value"/>; a value outside the enum is spelled out as the uncached path would.</summary>
    public static JsonEncodedText Of(TEnum value) =>
        Names.TryGetValue(value, out var name) ? name : ExportJson.Encoded(ExportFormat.Snake(value.ToString()));
}
