namespace Everest.Site.Domain.Billing.Ocmf;

/// <summary>What the OCMF signatures of a transaction prove.</summary>
public enum OcmfVerdict
{
    /// <summary>The transaction carries no signed meter values (the meter does not sign, or the values were lost).</summary>
    NotSigned,

    /// <summary>Signed values exist but cannot be checked: no public key is known, or its algorithm is not supported here.</summary>
    Unverified,

    /// <summary>Every signed value's ECDSA signature over its payload checks out against the meter's public key.</summary>
    Verified,

    /// <summary>A signed value is malformed, or its signature does not match its payload under the meter's public key.</summary>
    Invalid,
}
