namespace Everest.Site.Configuration;

/// <summary>Which MQTT transport carries the EVerest API (<c>mqtt.provider</c>).</summary>
public enum MqttProvider
{
    /// <summary>A real broker through libmosquitto.</summary>
    Mosquitto,

    /// <summary>The in-process broker (demo, tests); nothing leaves the process.</summary>
    Memory,
}
