using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Type of a reset. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<ResetType>))]
public readonly record struct ResetType(string Value) : IWireEnum<ResetType>
{
    public static readonly ResetType Soft = new("Soft");
    public static readonly ResetType Hard = new("Hard");
    public static readonly ResetType NotSpecified = new("NotSpecified");

    public static IReadOnlyList<ResetType> Known { get; } = [Soft, Hard, NotSpecified];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static ResetType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
