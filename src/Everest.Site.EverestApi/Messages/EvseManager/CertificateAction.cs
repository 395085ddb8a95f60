using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Type of an ISO 15118 certificate request (<c>CertificateActionEnum</c>). Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<CertificateAction>))]
public readonly record struct CertificateAction(string Value) : IWireEnum<CertificateAction>
{
    public static readonly CertificateAction Install = new("Install");
    public static readonly CertificateAction Update = new("Update");

    public static IReadOnlyList<CertificateAction> Known { get; } = [Install, Update];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static CertificateAction FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
