using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Operation mode of a charging schedule period (OCPP 2.1). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<ChargingOperationMode>))]
public readonly record struct ChargingOperationMode(string Value) : IWireEnum<ChargingOperationMode>
{
    public static readonly ChargingOperationMode Idle = new("Idle");
    public static readonly ChargingOperationMode ChargingOnly = new("ChargingOnly");
    public static readonly ChargingOperationMode CentralSetpoint = new("CentralSetpoint");
    public static readonly ChargingOperationMode ExternalSetpoint = new("ExternalSetpoint");
    public static readonly ChargingOperationMode ExternalLimits = new("ExternalLimits");
    public static readonly ChargingOperationMode CentralFrequency = new("CentralFrequency");
    public static readonly ChargingOperationMode LocalFrequency = new("LocalFrequency");
    public static readonly ChargingOperationMode LocalLoadBalancing = new("LocalLoadBalancing");

    public static IReadOnlyList<ChargingOperationMode> Known { get; } = [Idle, ChargingOnly, CentralSetpoint, ExternalSetpoint, ExternalLimits, CentralFrequency, LocalFrequency, LocalLoadBalancing];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static ChargingOperationMode FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
