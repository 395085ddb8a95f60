namespace Everest.Site.Mqtt;

/// <summary>The MQTT delivery guarantees we use. (QoS 2 is not used by EVerest's API modules.)</summary>
public enum MqttQos
{
    /// <summary>QoS 0: fire and forget; may be lost.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged; may arrive twice.</summary>
    AtLeastOnce = 1,
}
