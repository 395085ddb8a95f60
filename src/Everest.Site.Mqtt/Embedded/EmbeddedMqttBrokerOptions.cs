using System.Net;

namespace Everest.Site.Mqtt.Embedded;

/// <summary>Where the embedded broker listens and how much it keeps for clients that are away.</summary>
public sealed record EmbeddedMqttBrokerOptions
{
    /// <summary>The address to listen on (default 127.0.0.1: only this machine can connect).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port (default 1883); 0 lets the operating system pick a free one, see <see cref="EmbeddedMqttBroker.Port"/>.</summary>
    public int Port { get; init; } = 1883;

    /// <summary>Messages queued per client (while it is away with a persistent session, or slow); the oldest is dropped beyond this (default 10,000).</summary>
    public int MaxQueuedMessagesPerClient { get; init; } = 10_000;
}
