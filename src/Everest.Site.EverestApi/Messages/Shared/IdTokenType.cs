using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Type of an id token. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<IdTokenType>))]
public readonly record struct IdTokenType(string Value) : IWireEnum<IdTokenType>
{
    public static readonly IdTokenType Central = new("Central");
    public static readonly IdTokenType eMAID = new("eMAID");
    public static readonly IdTokenType MacAddress = new("MacAddress");
    public static readonly IdTokenType ISO14443 = new("ISO14443");
    public static readonly IdTokenType ISO15693 = new("ISO15693");
    public static readonly IdTokenType KeyCode = new("KeyCode");
    public static readonly IdTokenType Local = new("Local");
    public static readonly IdTokenType NoAuthorization = new("NoAuthorization");

    public static IReadOnlyList<IdTokenType> Known { get; } = [Central, eMAID, MacAddress, ISO14443, ISO15693, KeyCode, Local, NoAuthorization];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static IdTokenType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
