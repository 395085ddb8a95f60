using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Attribute of an OCPP variable (<c>AttributeEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<VariableAttribute>))]
public readonly record struct VariableAttribute(string Value) : IWireEnum<VariableAttribute>
{
    public static readonly VariableAttribute Actual = new("Actual");
    public static readonly VariableAttribute Target = new("Target");
    public static readonly VariableAttribute MinSet = new("MinSet");
    public static readonly VariableAttribute MaxSet = new("MaxSet");

    public static IReadOnlyList<VariableAttribute> Known { get; } = [Actual, Target, MinSet, MaxSet];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static VariableAttribute FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
