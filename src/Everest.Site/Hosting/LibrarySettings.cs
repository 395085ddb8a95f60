using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;

namespace Everest.Site.Hosting;

/// <summary>
/// Maps the validated site options onto the settings record of the MQTT library, which knows nothing of HOCON or
/// <c>IConfiguration</c>. (The EVerest API binds its own options directly; persistence is set up by
/// <see cref="Persistence.SitePersistenceConfig"/>.)
/// </summary>
public static class LibrarySettings
{
    /// <summary>
    /// The MQTT client's settings. The controller keeps a persistent session (clean session off)
    /// under its stable client id, so QoS 1 messages EVerest sent while it was away arrive on return; its
    /// last will marks it offline on the status topic (retained), and every connection marks it online there again.
    /// </summary>
    public static MqttNetTransportOptions ForMqttClient(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        return new MqttNetTransportOptions
        {
            Host = mqtt.Host,
            Port = mqtt.Port,
            ClientId = mqtt.ClientId,
            CleanSession = false,
            Username = string.IsNullOrEmpty(mqtt.Username) ? null : mqtt.Username,
            Password = string.IsNullOrEmpty(mqtt.Password) ? null : mqtt.Password,
            KeepAlive = mqtt.KeepAlive,
            Tls = new MqttNetTlsOptions
            {
                Enabled = mqtt.Tls.Enabled,
                CaFile = NullIfEmpty(mqtt.Tls.CaFile),
                CertFile = NullIfEmpty(mqtt.Tls.CertFile),
                KeyFile = NullIfEmpty(mqtt.Tls.KeyFile),
            },
            Reconnect = new MqttNetReconnectOptions { MinDelay = mqtt.Reconnect.MinDelay, MaxDelay = mqtt.Reconnect.MaxDelay },
            MaxWaitingMessages = mqtt.InboundQueue.MaxMessages,
            MaxWaitingBytes = mqtt.InboundQueue.MaxBytes.Bytes,
            LastWill = string.IsNullOrEmpty(mqtt.LastWillTopic)
                ? null
                : new MqttMessage(mqtt.LastWillTopic, "offline"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true),
            OnlineMessage = string.IsNullOrEmpty(mqtt.LastWillTopic)
                ? null
                : new MqttMessage(mqtt.LastWillTopic, "online"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true),
        };
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
