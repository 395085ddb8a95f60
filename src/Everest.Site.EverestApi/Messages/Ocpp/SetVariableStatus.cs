using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of one set-variable result (<c>SetVariableStatusEnumType</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<SetVariableStatus>))]
public readonly record struct SetVariableStatus(string Value) : IWireEnum<SetVariableStatus>
{
    public static readonly SetVariableStatus Accepted = new("Accepted");
    public static readonly SetVariableStatus Rejected = new("Rejected");
    public static readonly SetVariableStatus UnknownComponent = new("UnknownComponent");
    public static readonly SetVariableStatus UnknownVariable = new("UnknownVariable");
    public static readonly SetVariableStatus NotSupportedAttributeType = new("NotSupportedAttributeType");
    public static readonly SetVariableStatus RebootRequired = new("RebootRequired");

    public static IReadOnlyList<SetVariableStatus> Known { get; } = [Accepted, Rejected, UnknownComponent, UnknownVariable, NotSupportedAttributeType, RebootRequired];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static SetVariableStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
