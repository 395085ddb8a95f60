using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>State of the EVSE in <c>session_info</c> (<c>EvseStateEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EvseState>))]
public readonly record struct EvseState(string Value) : IWireEnum<EvseState>
{
    public static readonly EvseState Unknown = new("Unknown");
    public static readonly EvseState Unplugged = new("Unplugged");
    public static readonly EvseState Disabled = new("Disabled");
    public static readonly EvseState Preparing = new("Preparing");
    public static readonly EvseState Reserved = new("Reserved");
    public static readonly EvseState AuthRequired = new("AuthRequired");
    public static readonly EvseState WaitingForEnergy = new("WaitingForEnergy");
    public static readonly EvseState ChargingPausedEV = new("ChargingPausedEV");
    public static readonly EvseState ChargingPausedEVSE = new("ChargingPausedEVSE");
    public static readonly EvseState Charging = new("Charging");
    public static readonly EvseState AuthTimeout = new("AuthTimeout");
    public static readonly EvseState Finished = new("Finished");
    public static readonly EvseState FinishedEVSE = new("FinishedEVSE");
    public static readonly EvseState FinishedEV = new("FinishedEV");

    public static IReadOnlyList<EvseState> Known { get; } = [Unknown, Unplugged, Disabled, Preparing, Reserved, AuthRequired, WaitingForEnergy, ChargingPausedEV, ChargingPausedEVSE, Charging, AuthTimeout, Finished, FinishedEVSE, FinishedEV];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EvseState FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
