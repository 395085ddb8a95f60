using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Status of a contract certificate check. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<CertificateStatus>))]
public readonly record struct CertificateStatus(string Value) : IWireEnum<CertificateStatus>
{
    public static readonly CertificateStatus Accepted = new("Accepted");
    public static readonly CertificateStatus SignatureError = new("SignatureError");
    public static readonly CertificateStatus CertificateExpired = new("CertificateExpired");
    public static readonly CertificateStatus CertificateRevoked = new("CertificateRevoked");
    public static readonly CertificateStatus NoCertificateAvailable = new("NoCertificateAvailable");
    public static readonly CertificateStatus CertChainError = new("CertChainError");
    public static readonly CertificateStatus ContractCancelled = new("ContractCancelled");

    public static IReadOnlyList<CertificateStatus> Known { get; } = [Accepted, SignatureError, CertificateExpired, CertificateRevoked, NoCertificateAvailable, CertChainError, ContractCancelled];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static CertificateStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
