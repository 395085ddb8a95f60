using Microsoft.Extensions.Logging;

namespace Everest.Site.Mqtt.Embedded;

/// <summary>What <see cref="EmbeddedMqttBroker"/> logs: start and clients coming and going, never messages.</summary>
internal static partial class EmbeddedMqttBrokerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Host}:{Port}")]
    public static partial void Started(this ILogger logger, string host, int port);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Embedded MQTT broker: client {ClientId} connected")]
    public static partial void ClientConnected(this ILogger logger, string clientId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Embedded MQTT broker: client {ClientId} disconnected ({How})")]
    public static partial void ClientDisconnected(this ILogger logger, string clientId, string how);
}
