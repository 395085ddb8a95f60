using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>State requested by one enable/disable source. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EnableState>))]
public readonly record struct EnableState(string Value) : IWireEnum<EnableState>
{
    public static readonly EnableState Unassigned = new("Unassigned");
    public static readonly EnableState Disable = new("Disable");
    public static readonly EnableState Enable = new("Enable");

    public static IReadOnlyList<EnableState> Known { get; } = [Unassigned, Disable, Enable];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EnableState FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
