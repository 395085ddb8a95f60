using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Car manufacturer derived from the EV's MAC address. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<CarManufacturer>))]
public readonly record struct CarManufacturer(string Value) : IWireEnum<CarManufacturer>
{
    public static readonly CarManufacturer VolkswagenGroup = new("VolkswagenGroup");
    public static readonly CarManufacturer Tesla = new("Tesla");
    public static readonly CarManufacturer Unknown = new("Unknown");

    public static IReadOnlyList<CarManufacturer> Known { get; } = [VolkswagenGroup, Tesla, Unknown];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static CarManufacturer FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
