using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Type of a physical connector (<c>ConnectorTypeEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<ConnectorType>))]
public readonly record struct ConnectorType(string Value) : IWireEnum<ConnectorType>
{
    public static readonly ConnectorType cCCS1 = new("cCCS1");
    public static readonly ConnectorType cCCS2 = new("cCCS2");
    public static readonly ConnectorType cG105 = new("cG105");
    public static readonly ConnectorType cTesla = new("cTesla");
    public static readonly ConnectorType cType1 = new("cType1");
    public static readonly ConnectorType cType2 = new("cType2");
    public static readonly ConnectorType s309_1P_16A = new("s309_1P_16A");
    public static readonly ConnectorType s309_1P_32A = new("s309_1P_32A");
    public static readonly ConnectorType s309_3P_16A = new("s309_3P_16A");
    public static readonly ConnectorType s309_3P_32A = new("s309_3P_32A");
    public static readonly ConnectorType sBS1361 = new("sBS1361");
    public static readonly ConnectorType sCEE_7_7 = new("sCEE_7_7");
    public static readonly ConnectorType sType2 = new("sType2");
    public static readonly ConnectorType sType3 = new("sType3");
    public static readonly ConnectorType Other1PhMax16A = new("Other1PhMax16A");
    public static readonly ConnectorType Other1PhOver16A = new("Other1PhOver16A");
    public static readonly ConnectorType Other3Ph = new("Other3Ph");
    public static readonly ConnectorType Pan = new("Pan");
    public static readonly ConnectorType wInductive = new("wInductive");
    public static readonly ConnectorType wResonant = new("wResonant");
    public static readonly ConnectorType Undetermined = new("Undetermined");
    public static readonly ConnectorType Unknown = new("Unknown");

    public static IReadOnlyList<ConnectorType> Known { get; } = [cCCS1, cCCS2, cG105, cTesla, cType1, cType2, s309_1P_16A, s309_1P_32A, s309_3P_16A, s309_3P_32A, sBS1361, sCEE_7_7, sType2, sType3, Other1PhMax16A, Other1PhOver16A, Other3Ph, Pan, wInductive, wResonant, Undetermined, Unknown];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static ConnectorType FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
