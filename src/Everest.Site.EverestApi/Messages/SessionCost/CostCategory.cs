using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Category of a cost chunk or price component. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<CostCategory>))]
public readonly record struct CostCategory(string Value) : IWireEnum<CostCategory>
{
    public static readonly CostCategory Energy = new("Energy");
    public static readonly CostCategory Time = new("Time");
    public static readonly CostCategory FlatFee = new("FlatFee");
    public static readonly CostCategory Other = new("Other");

    public static IReadOnlyList<CostCategory> Known { get; } = [Energy, Time, FlatFee, Other];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static CostCategory FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
