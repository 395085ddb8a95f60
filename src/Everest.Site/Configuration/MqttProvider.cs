namespace Everest.Site.Configuration;

/// <summary>Where the MQTT broker that carries the EVerest API is (<c>mqtt.provider</c>).</summary>
public enum MqttProvider
{
    /// <summary>A broker outside the process (normally mosquitto) at <c>mqtt.host</c>:<c>mqtt.port</c>.</summary>
    External,

    /// <summary>
    /// The former spelling of <see cref="External"/> (from when the client was libmosquitto); still accepted in
    /// configuration files. Code should say <see cref="External"/>.
    /// </summary>
    Mosquitto = External,

    /// <summary>The broker inside the process (<c>everest-site demo</c>), listening on <c>mqtt.host</c>:<c>mqtt.port</c>.</summary>
    Embedded,

    /// <summary>A transport handed over by the embedding code (tests); the process itself cannot use it.</summary>
    Memory,
}
