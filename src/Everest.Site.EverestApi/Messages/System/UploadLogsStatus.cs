using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Answer status to an <c>upload_logs</c> request. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<UploadLogsStatus>))]
public readonly record struct UploadLogsStatus(string Value) : IWireEnum<UploadLogsStatus>
{
    public static readonly UploadLogsStatus Accepted = new("Accepted");
    public static readonly UploadLogsStatus Rejected = new("Rejected");
    public static readonly UploadLogsStatus AcceptedCanceled = new("AcceptedCanceled");

    public static IReadOnlyList<UploadLogsStatus> Known { get; } = [Accepted, Rejected, AcceptedCanceled];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static UploadLogsStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
