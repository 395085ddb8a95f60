using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>How an id token was provided. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<AuthorizationType>))]
public readonly record struct AuthorizationType(string Value) : IWireEnum<AuthorizationType>
{
    public static readonly AuthorizationType OCPP = new("OCPP");
    public static readonly AuthorizationType RFID = new("RFID");
    public static readonly AuthorizationType Autocharge = new("Autocharge");
    public static readonly AuthorizationType PlugAndCharge = new("PlugAndCharge");
    public static readonly AuthorizationType BankCard = new("BankCard");

    public static IReadOnlyList<AuthorizationType> Known { get; } = [OCPP, RFID, Autocharge, PlugAndCharge, BankCard];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static AuthorizationType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
