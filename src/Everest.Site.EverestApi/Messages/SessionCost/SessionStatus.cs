using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Whether a session's cost is final. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<SessionStatus>))]
public readonly record struct SessionStatus(string Value) : IWireEnum<SessionStatus>
{
    public static readonly SessionStatus Running = new("Running");
    public static readonly SessionStatus Idle = new("Idle");
    public static readonly SessionStatus Finished = new("Finished");

    public static IReadOnlyList<SessionStatus> Known { get; } = [Running, Idle, Finished];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static SessionStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
