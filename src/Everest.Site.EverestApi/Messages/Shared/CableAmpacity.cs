using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Current carrying capacity of the connected cable (proximity pilot). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<CableAmpacity>))]
public readonly record struct CableAmpacity(string Value) : IWireEnum<CableAmpacity>
{
    public static readonly CableAmpacity None = new("None");
    public static readonly CableAmpacity A_13 = new("A_13");
    public static readonly CableAmpacity A_20 = new("A_20");
    public static readonly CableAmpacity A_32 = new("A_32");
    public static readonly CableAmpacity A_63_3ph_70_1ph = new("A_63_3ph_70_1ph");

    public static IReadOnlyList<CableAmpacity> Known { get; } = [None, A_13, A_20, A_32, A_63_3ph_70_1ph];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static CableAmpacity FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
