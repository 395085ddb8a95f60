using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of one get-variable result (<c>GetVariableStatusEnumType</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<GetVariableStatus>))]
public readonly record struct GetVariableStatus(string Value) : IWireEnum<GetVariableStatus>
{
    public static readonly GetVariableStatus Accepted = new("Accepted");
    public static readonly GetVariableStatus Rejected = new("Rejected");
    public static readonly GetVariableStatus UnknownComponent = new("UnknownComponent");
    public static readonly GetVariableStatus UnknownVariable = new("UnknownVariable");
    public static readonly GetVariableStatus NotSupportedAttributeType = new("NotSupportedAttributeType");

    public static IReadOnlyList<GetVariableStatus> Known { get; } = [Accepted, Rejected, UnknownComponent, UnknownVariable, NotSupportedAttributeType];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static GetVariableStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
