using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Mode of a DC power supply. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<DcSupplyMode>))]
public readonly record struct DcSupplyMode(string Value) : IWireEnum<DcSupplyMode>
{
    public static readonly DcSupplyMode Off = new("Off");
    public static readonly DcSupplyMode Export = new("Export");
    public static readonly DcSupplyMode Import = new("Import");
    public static readonly DcSupplyMode Fault = new("Fault");

    public static IReadOnlyList<DcSupplyMode> Known { get; } = [Off, Export, Import, Fault];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static DcSupplyMode FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
