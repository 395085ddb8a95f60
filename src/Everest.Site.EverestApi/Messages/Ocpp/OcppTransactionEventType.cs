using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>The OCPP transaction event (<c>TransactionEvent</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<OcppTransactionEventType>))]
public readonly record struct OcppTransactionEventType(string Value) : IWireEnum<OcppTransactionEventType>
{
    public static readonly OcppTransactionEventType Started = new("Started");
    public static readonly OcppTransactionEventType Updated = new("Updated");
    public static readonly OcppTransactionEventType Ended = new("Ended");

    public static IReadOnlyList<OcppTransactionEventType> Known { get; } = [Started, Updated, Ended];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static OcppTransactionEventType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
