using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Connector type in hardware capabilities. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<HardwareConnectorType>))]
public readonly record struct HardwareConnectorType(string Value) : IWireEnum<HardwareConnectorType>
{
    public static readonly HardwareConnectorType IEC62196Type2Cable = new("IEC62196Type2Cable");
    public static readonly HardwareConnectorType IEC62196Type2Socket = new("IEC62196Type2Socket");
    public static readonly HardwareConnectorType IEC63379McsSocket = new("IEC63379McsSocket");

    public static IReadOnlyList<HardwareConnectorType> Known { get; } = [IEC62196Type2Cable, IEC62196Type2Socket, IEC63379McsSocket];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static HardwareConnectorType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
