namespace Everest.Site.Simulator.Evse;

/// <summary>Who authorizes a plugged-in car.</summary>
public enum AuthorizationMode
{
    /// <summary>EVerest's own Auth module accepts the driver's token after a short delay (RFID reader, local list).</summary>
    Local,

    /// <summary>Only an <c>authorize_response</c> from the controller authorizes.</summary>
    Controller,
}
