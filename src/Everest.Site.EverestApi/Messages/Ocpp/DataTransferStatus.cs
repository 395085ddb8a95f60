using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of an OCPP data transfer. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<DataTransferStatus>))]
public readonly record struct DataTransferStatus(string Value) : IWireEnum<DataTransferStatus>
{
    public static readonly DataTransferStatus Accepted = new("Accepted");
    public static readonly DataTransferStatus Rejected = new("Rejected");
    public static readonly DataTransferStatus UnknownMessageId = new("UnknownMessageId");
    public static readonly DataTransferStatus UnknownVendorId = new("UnknownVendorId");
    public static readonly DataTransferStatus Offline = new("Offline");

    public static IReadOnlyList<DataTransferStatus> Known { get; } = [Accepted, Rejected, UnknownMessageId, UnknownVendorId, Offline];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static DataTransferStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
