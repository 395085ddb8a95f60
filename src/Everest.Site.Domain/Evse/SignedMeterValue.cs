namespace Everest.Site.Domain.Evse;

/// <summary>
/// A signed meter value as EVerest reports it (OCMF for German calibration law): kept verbatim for billing
/// disputes, never interpreted here.
/// </summary>
public sealed record SignedMeterValue(string SignedMeterData, string SigningMethod, string EncodingMethod, string? PublicKey = null);
