using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Why a session started. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<StartSessionReason>))]
public readonly record struct StartSessionReason(string Value) : IWireEnum<StartSessionReason>
{
    public static readonly StartSessionReason EVConnected = new("EVConnected");
    public static readonly StartSessionReason Authorized = new("Authorized");

    public static IReadOnlyList<StartSessionReason> Known { get; } = [EVConnected, Authorized];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static StartSessionReason FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
