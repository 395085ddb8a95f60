using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server;
using MQTTnet.Server.Internal.Adapter;

namespace Everest.Site.Mqtt.Embedded;

/// <summary>
/// MQTTnet's TCP listener, with every accepted connection wrapped in a <see cref="ClientIdAssigningChannelAdapter"/>:
/// MQTTnet.Server assigns a client id to MQTT 5 clients that send none, but refuses MQTT 3.1.1 ones ("identifier
/// rejected"), and that is what <c>mosquitto_sub</c> and <c>mosquitto_pub</c> send by default.
/// </summary>
internal sealed class ClientIdAssigningServerAdapter : IMqttServerAdapter
{
    private readonly MqttTcpServerAdapter inner = new();

    public ClientIdAssigningServerAdapter() =>
        inner.ClientHandler = channel => ClientHandler is { } handler ? handler(new ClientIdAssigningChannelAdapter(channel)) : Task.CompletedTask;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger) => inner.StartAsync(options, logger);

    public Task StopAsync() => inner.StopAsync();

    public void Dispose() => inner.Dispose();
}
