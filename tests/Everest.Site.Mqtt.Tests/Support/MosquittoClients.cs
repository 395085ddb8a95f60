using Everest.Site.Mqtt.Mosquitto;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.Support;

internal static class MosquittoClients
{
    /// <summary>Options for a client of a test broker: quick reconnects, so tests that restart the broker stay short.</summary>
    public static MosquittoOptions For(MosquittoBroker broker, string clientId) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ClientId = clientId,
        KeepAlive = TimeSpan.FromSeconds(10),
        Reconnect = new MosquittoReconnectOptions { MinDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2) },
        ConnectTimeout = TestTimeouts.Condition,
    };

    public static string UniqueId(string name) => $"{name}-{Guid.NewGuid():N}"[..23];
}
