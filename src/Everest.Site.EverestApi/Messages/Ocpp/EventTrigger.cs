using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Trigger of a monitored-variable event (<c>EventTriggerEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<EventTrigger>))]
public readonly record struct EventTrigger(string Value) : IWireEnum<EventTrigger>
{
    public static readonly EventTrigger Alerting = new("Alerting");
    public static readonly EventTrigger Delta = new("Delta");
    public static readonly EventTrigger Periodic = new("Periodic");

    public static IReadOnlyList<EventTrigger> Known { get; } = [Alerting, Delta, Periodic];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static EventTrigger FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
