using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Notification type of a monitored-variable event. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EventNotificationType>))]
public readonly record struct EventNotificationType(string Value) : IWireEnum<EventNotificationType>
{
    public static readonly EventNotificationType HardWiredNotification = new("HardWiredNotification");
    public static readonly EventNotificationType HardWiredMonitor = new("HardWiredMonitor");
    public static readonly EventNotificationType PreconfiguredMonitor = new("PreconfiguredMonitor");
    public static readonly EventNotificationType CustomMonitor = new("CustomMonitor");

    public static IReadOnlyList<EventNotificationType> Known { get; } = [HardWiredNotification, HardWiredMonitor, PreconfiguredMonitor, CustomMonitor];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EventNotificationType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
