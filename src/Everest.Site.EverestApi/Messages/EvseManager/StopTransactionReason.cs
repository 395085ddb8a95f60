using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Why a transaction stopped. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<StopTransactionReason>))]
public readonly record struct StopTransactionReason(string Value) : IWireEnum<StopTransactionReason>
{
    public static readonly StopTransactionReason EmergencyStop = new("EmergencyStop");
    public static readonly StopTransactionReason EVDisconnected = new("EVDisconnected");
    public static readonly StopTransactionReason HardReset = new("HardReset");
    public static readonly StopTransactionReason Local = new("Local");
    public static readonly StopTransactionReason Other = new("Other");
    public static readonly StopTransactionReason PowerLoss = new("PowerLoss");
    public static readonly StopTransactionReason Reboot = new("Reboot");
    public static readonly StopTransactionReason Remote = new("Remote");
    public static readonly StopTransactionReason SoftReset = new("SoftReset");
    public static readonly StopTransactionReason UnlockCommand = new("UnlockCommand");
    public static readonly StopTransactionReason DeAuthorized = new("DeAuthorized");
    public static readonly StopTransactionReason EnergyLimitReached = new("EnergyLimitReached");
    public static readonly StopTransactionReason GroundFault = new("GroundFault");
    public static readonly StopTransactionReason LocalOutOfCredit = new("LocalOutOfCredit");
    public static readonly StopTransactionReason MasterPass = new("MasterPass");
    public static readonly StopTransactionReason OvercurrentFault = new("OvercurrentFault");
    public static readonly StopTransactionReason PowerQuality = new("PowerQuality");
    public static readonly StopTransactionReason SOCLimitReached = new("SOCLimitReached");
    public static readonly StopTransactionReason StoppedByEV = new("StoppedByEV");
    public static readonly StopTransactionReason TimeLimitReached = new("TimeLimitReached");
    public static readonly StopTransactionReason Timeout = new("Timeout");
    public static readonly StopTransactionReason ReqEnergyTransferRejected = new("ReqEnergyTransferRejected");

    public static IReadOnlyList<StopTransactionReason> Known { get; } = [EmergencyStop, EVDisconnected, HardReset, Local, Other, PowerLoss, Reboot, Remote, SoftReset, UnlockCommand, DeAuthorized, EnergyLimitReached, GroundFault, LocalOutOfCredit, MasterPass, OvercurrentFault, PowerQuality, SOCLimitReached, StoppedByEV, TimeLimitReached, Timeout, ReqEnergyTransferRejected];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static StopTransactionReason FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
