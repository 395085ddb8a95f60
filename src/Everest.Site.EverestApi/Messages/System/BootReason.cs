using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Why the system booted. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<BootReason>))]
public readonly record struct BootReason(string Value) : IWireEnum<BootReason>
{
    public static readonly BootReason ApplicationReset = new("ApplicationReset");
    public static readonly BootReason FirmwareUpdate = new("FirmwareUpdate");
    public static readonly BootReason LocalReset = new("LocalReset");
    public static readonly BootReason PowerUp = new("PowerUp");
    public static readonly BootReason RemoteReset = new("RemoteReset");
    public static readonly BootReason ScheduledReset = new("ScheduledReset");
    public static readonly BootReason Triggered = new("Triggered");
    public static readonly BootReason Unknown = new("Unknown");
    public static readonly BootReason Watchdog = new("Watchdog");

    public static IReadOnlyList<BootReason> Known { get; } = [ApplicationReset, FirmwareUpdate, LocalReset, PowerUp, RemoteReset, ScheduledReset, Triggered, Unknown, Watchdog];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static BootReason FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
