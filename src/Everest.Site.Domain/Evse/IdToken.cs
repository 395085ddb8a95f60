namespace Everest.Site.Domain.Evse;

/// <summary>The identifier a driver authorized with (RFID uid, eMAID, …) and its type as EVerest names it.</summary>
public sealed record IdToken(string Value, string Type);
