using System.Text.Json;
using System.Text.Json.Serialization;

namespace Everest.Site.Persistence.Sql.Journal;

/// <summary>
/// The <c>journal.tags</c> column: the event's tags as a JSON array of strings, so an event reads back with
/// its tags without a join and any tag text round-trips. Tag queries use the indexed <c>journal_tag</c>
/// table instead.
/// </summary>
internal static partial class TagCodec
{
    private const string Empty = "[]";

    public static string Encode(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? Empty : JsonSerializer.Serialize(tags as string[] ?? [.. tags], TagJsonContext.Default.StringArray);

    public static IReadOnlyList<string> Decode(string text) =>
        text.Length == 0 || text == Empty ? [] : JsonSerializer.Deserialize(text, TagJsonContext.Default.StringArray) ?? [];

    [JsonSerializable(typeof(string[]))]
    private sealed partial class TagJsonContext : JsonSerializerContext;
}
