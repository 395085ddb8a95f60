namespace Everest.Site.Simulator.Evse;

/// <summary>
/// The token a driver presented. <paramref name="TokenType"/> and <paramref name="AuthorizationType"/> use the
/// spec's spellings (e.g. <c>ISO14443</c> and <c>RFID</c>).
/// </summary>
public sealed record IdToken(string Value, string TokenType = "ISO14443", string AuthorizationType = "RFID");
