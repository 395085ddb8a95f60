using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;

namespace Everest.Site.Mqtt.Embedded;

/// <summary>
/// An MQTT broker inside the process (MQTTnet.Server), for <c>everest-site demo</c>: it listens on 127.0.0.1 so that a
/// user can watch the demo with <c>mosquitto_sub</c> or point a real EVerest at it. It keeps persistent sessions and
/// retained messages in memory (both are lost when the process ends) and accepts clients that send no client id.
/// A production site runs a real broker (mosquitto) instead.
/// </summary>
public sealed class EmbeddedMqttBroker : IAsyncDisposable
{
    private readonly MqttServer server;
    private readonly MqttServerOptions serverOptions;
    private readonly ILogger logger;

    private EmbeddedMqttBroker(MqttServer server, MqttServerOptions serverOptions, ILogger logger)
    {
        this.server = server;
        this.serverOptions = serverOptions;
        this.logger = logger;
    }

    /// <summary>The address the broker listens on.</summary>
    public IPAddress Address => serverOptions.DefaultEndpointOptions.BoundInterNetworkAddress;

    /// <summary>The port the broker listens on (the one picked by the operating system when the options asked for 0).</summary>
    public int Port => serverOptions.DefaultEndpointOptions.Port;

    /// <summary>The host to give clients: the listening address as text.</summary>
    public string Host => Address.ToString();

    /// <summary>Starts a broker; it accepts connections when this returns.</summary>
    /// <exception cref="MqttException">The port is in use or cannot be bound (never transient: choose another port).</exception>
    public static async Task<EmbeddedMqttBroker> StartAsync(EmbeddedMqttBrokerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        options ??= new EmbeddedMqttBrokerOptions();
        if (options.Port is < 0 or > 65_535)
        {
            throw new MqttException($"The embedded MQTT broker's port must be between 0 and 65535 (is {options.Port}).") { IsTransient = false };
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(options.Address)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(options.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(options.MaxQueuedMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedMqttBroker>();
        var server = new MqttServerFactory().CreateMqttServer(serverOptions, [new ClientIdAssigningServerAdapter()]);
        server.ValidatingConnectionAsync += AssignClientId;
        var broker = new EmbeddedMqttBroker(server, serverOptions, logger);
        server.ClientConnectedAsync += broker.OnClientConnectedAsync;
        server.ClientDisconnectedAsync += broker.OnClientDisconnectedAsync;
        try
        {
            await server.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            server.Dispose();
            var what = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is already in use (another broker?)" : e.Message;
            throw new MqttException($"Cannot start the embedded MQTT broker on {options.Address}:{options.Port}: {what}.", e) { IsTransient = false };
        }

        broker.logger.Started(broker.Host, broker.Port);
        return broker;
    }

    /// <summary>Stops listening and disconnects every client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (server.IsStarted)
        {
            await server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        }

        server.Dispose();
    }

    internal static string NewClientId() => string.Create(CultureInfo.InvariantCulture, $"auto-{Guid.NewGuid():N}");

    private static Task AssignClientId(ValidatingConnectionEventArgs e)
    {
        // MQTTnet.Server uses this id only for MQTT 5 clients; MQTT 3.1.x ones get theirs from ClientIdAssigningChannelAdapter.
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = NewClientId();
        }

        return Task.CompletedTask;
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        logger.ClientConnected(e.ClientId);
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        logger.ClientDisconnected(e.ClientId, e.DisconnectType.ToString());
        return Task.CompletedTask;
    }
}
