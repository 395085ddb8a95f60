namespace Everest.Site.Hosting;

/// <summary>Whether the host made the MQTT transport (and so disconnects it when it stops) or a caller lent it.</summary>
internal sealed record MqttOwnership(bool OwnedByHost);
