using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>State of a firmware update (<c>FirmwareUpdateStatusEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<FirmwareUpdateState>))]
public readonly record struct FirmwareUpdateState(string Value) : IWireEnum<FirmwareUpdateState>
{
    public static readonly FirmwareUpdateState Downloaded = new("Downloaded");
    public static readonly FirmwareUpdateState DownloadFailed = new("DownloadFailed");
    public static readonly FirmwareUpdateState Downloading = new("Downloading");
    public static readonly FirmwareUpdateState DownloadScheduled = new("DownloadScheduled");
    public static readonly FirmwareUpdateState DownloadPaused = new("DownloadPaused");
    public static readonly FirmwareUpdateState Idle = new("Idle");
    public static readonly FirmwareUpdateState InstallationFailed = new("InstallationFailed");
    public static readonly FirmwareUpdateState Installing = new("Installing");
    public static readonly FirmwareUpdateState Installed = new("Installed");
    public static readonly FirmwareUpdateState InstallRebooting = new("InstallRebooting");
    public static readonly FirmwareUpdateState InstallScheduled = new("InstallScheduled");
    public static readonly FirmwareUpdateState InstallVerificationFailed = new("InstallVerificationFailed");
    public static readonly FirmwareUpdateState InvalidSignature = new("InvalidSignature");
    public static readonly FirmwareUpdateState SignatureVerified = new("SignatureVerified");

    public static IReadOnlyList<FirmwareUpdateState> Known { get; } = [Downloaded, DownloadFailed, Downloading, DownloadScheduled, DownloadPaused, Idle, InstallationFailed, Installing, Installed, InstallRebooting, InstallScheduled, InstallVerificationFailed, InvalidSignature, SignatureVerified];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static FirmwareUpdateState FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
