using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>State of a log upload (<c>LogStatusEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<LogUploadState>))]
public readonly record struct LogUploadState(string Value) : IWireEnum<LogUploadState>
{
    public static readonly LogUploadState AcceptedCanceled = new("AcceptedCanceled");
    public static readonly LogUploadState BadMessage = new("BadMessage");
    public static readonly LogUploadState Idle = new("Idle");
    public static readonly LogUploadState NotSupportedOperation = new("NotSupportedOperation");
    public static readonly LogUploadState PermissionDenied = new("PermissionDenied");
    public static readonly LogUploadState Uploaded = new("Uploaded");
    public static readonly LogUploadState UploadFailure = new("UploadFailure");
    public static readonly LogUploadState Uploading = new("Uploading");

    public static IReadOnlyList<LogUploadState> Known { get; } = [AcceptedCanceled, BadMessage, Idle, NotSupportedOperation, PermissionDenied, Uploaded, UploadFailure, Uploading];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static LogUploadState FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
