using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of an ISO 15118 EXI stream response. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<ExiStreamStatus>))]
public readonly record struct ExiStreamStatus(string Value) : IWireEnum<ExiStreamStatus>
{
    public static readonly ExiStreamStatus Accepted = new("Accepted");
    public static readonly ExiStreamStatus Failed = new("Failed");

    public static IReadOnlyList<ExiStreamStatus> Known { get; } = [Accepted, Failed];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static ExiStreamStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
