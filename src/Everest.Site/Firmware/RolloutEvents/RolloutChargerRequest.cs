namespace Everest.Site.Firmware.RolloutEvents;

/// <summary>The request id an operator's rollout sent to a charger.</summary>
public sealed record RolloutChargerRequest(string ChargerId, int RequestId);
