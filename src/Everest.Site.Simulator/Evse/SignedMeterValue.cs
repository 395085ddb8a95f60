namespace Everest.Site.Simulator.Evse;

/// <summary>A signed meter value (OCMF), as carried by transaction events.</summary>
public sealed record SignedMeterValue(string SignedMeterData, string SigningMethod, string EncodingMethod, string PublicKey);
