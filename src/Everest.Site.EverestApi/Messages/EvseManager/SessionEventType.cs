using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The kind of a session event (<c>SessionEventEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<SessionEventType>))]
public readonly record struct SessionEventType(string Value) : IWireEnum<SessionEventType>
{
    public static readonly SessionEventType Authorized = new("Authorized");
    public static readonly SessionEventType Deauthorized = new("Deauthorized");
    public static readonly SessionEventType Enabled = new("Enabled");
    public static readonly SessionEventType Disabled = new("Disabled");
    public static readonly SessionEventType SessionStarted = new("SessionStarted");
    public static readonly SessionEventType AuthRequired = new("AuthRequired");
    public static readonly SessionEventType TransactionStarted = new("TransactionStarted");
    public static readonly SessionEventType PrepareCharging = new("PrepareCharging");
    public static readonly SessionEventType ChargingStarted = new("ChargingStarted");
    public static readonly SessionEventType ChargingPausedEV = new("ChargingPausedEV");
    public static readonly SessionEventType ChargingPausedEVSE = new("ChargingPausedEVSE");
    public static readonly SessionEventType WaitingForEnergy = new("WaitingForEnergy");
    public static readonly SessionEventType ChargingResumed = new("ChargingResumed");
    public static readonly SessionEventType StoppingCharging = new("StoppingCharging");
    public static readonly SessionEventType ChargingFinished = new("ChargingFinished");
    public static readonly SessionEventType TransactionFinished = new("TransactionFinished");
    public static readonly SessionEventType SessionFinished = new("SessionFinished");
    public static readonly SessionEventType ReservationStart = new("ReservationStart");
    public static readonly SessionEventType ReservationEnd = new("ReservationEnd");
    public static readonly SessionEventType ReplugStarted = new("ReplugStarted");
    public static readonly SessionEventType ReplugFinished = new("ReplugFinished");
    public static readonly SessionEventType PluginTimeout = new("PluginTimeout");
    public static readonly SessionEventType SwitchingPhases = new("SwitchingPhases");
    public static readonly SessionEventType SessionResumed = new("SessionResumed");

    public static IReadOnlyList<SessionEventType> Known { get; } = [Authorized, Deauthorized, Enabled, Disabled, SessionStarted, AuthRequired, TransactionStarted, PrepareCharging, ChargingStarted, ChargingPausedEV, ChargingPausedEVSE, WaitingForEnergy, ChargingResumed, StoppingCharging, ChargingFinished, TransactionFinished, SessionFinished, ReservationStart, ReservationEnd, ReplugStarted, ReplugFinished, PluginTimeout, SwitchingPhases, SessionResumed];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static SessionEventType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
