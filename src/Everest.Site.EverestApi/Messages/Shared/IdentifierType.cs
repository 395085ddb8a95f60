using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>What a tariff message identifier refers to. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<IdentifierType>))]
public readonly record struct IdentifierType(string Value) : IWireEnum<IdentifierType>
{
    public static readonly IdentifierType IdToken = new("IdToken");
    public static readonly IdentifierType SessionId = new("SessionId");
    public static readonly IdentifierType TransactionId = new("TransactionId");

    public static IReadOnlyList<IdentifierType> Known { get; } = [IdToken, SessionId, TransactionId];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static IdentifierType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
