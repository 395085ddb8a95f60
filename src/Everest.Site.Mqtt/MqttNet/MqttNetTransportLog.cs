using Microsoft.Extensions.Logging;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>What <see cref="MqttNetTransport"/> logs: connections, losses and refusals, never individual messages.</summary>
internal static partial class MqttNetTransportLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MQTT client {ClientId} {How} to {Broker} (session present: {SessionPresent}, {Subscriptions} subscriptions restored)")]
    public static partial void Connected(this ILogger logger, string clientId, string how, string broker, bool sessionPresent, int subscriptions);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "MQTT client {ClientId} lost its connection to {Broker}: {Reason}; reconnecting")]
    public static partial void ConnectionLost(this ILogger logger, string clientId, string broker, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "MQTT client {ClientId} cannot connect to {Broker}: {Reason}; trying again in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, string clientId, string broker, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "MQTT client {ClientId}: {Broker} refused the connection for good: {Reason}")]
    public static partial void Refused(this ILogger logger, string clientId, string broker, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "MQTT client {ClientId}: the broker refused the subscription to {Filter} ({Code}); it is dropped")]
    public static partial void SubscriptionRefused(this ILogger logger, string clientId, string filter, string code);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "MQTT client {ClientId}: the connection supervisor failed")]
    public static partial void SupervisorFailed(this ILogger logger, Exception exception, string clientId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "MQTT client {ClientId}: {Dropped} QoS 0 messages dropped, the oldest waiting first, since the last report: the message handlers are slower than the broker sends (at most {MaxMessages} messages or {MaxBytes} bytes wait, everest-site.mqtt.inbound-queue)")]
    public static partial void InboundMessagesDropped(this ILogger logger, string clientId, long dropped, int maxMessages, long maxBytes);
}
