using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of a BootNotification response. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<RegistrationStatus>))]
public readonly record struct RegistrationStatus(string Value) : IWireEnum<RegistrationStatus>
{
    public static readonly RegistrationStatus Accepted = new("Accepted");
    public static readonly RegistrationStatus Pending = new("Pending");
    public static readonly RegistrationStatus Rejected = new("Rejected");

    public static IReadOnlyList<RegistrationStatus> Known { get; } = [Accepted, Pending, Rejected];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static RegistrationStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
