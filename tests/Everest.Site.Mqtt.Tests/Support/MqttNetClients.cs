using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.Support;

internal static class MqttNetClients
{
    /// <summary>Options for a client of a test broker: quick reconnects, so tests that restart the broker stay short.</summary>
    public static MqttNetTransportOptions For(MosquittoBroker broker, string clientId) => For(broker.Host, broker.Port, clientId);

    public static MqttNetTransportOptions For(string host, int port, string clientId) => new()
    {
        Host = host,
        Port = port,
        ClientId = clientId,
        KeepAlive = TimeSpan.FromSeconds(10),
        Reconnect = new MqttNetReconnectOptions { MinDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static string UniqueId(string name) => $"{name}-{Guid.NewGuid():N}"[..23];
}
