using System.Collections.Concurrent;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Site;

namespace Everest.Site.Simulator.Tests.Site;

/// <summary>
/// The simulator on the in-memory broker with a controller-side client that records everything published under
/// <c>everest_api/#</c>; a test class says which simulator it wants.
/// </summary>
public abstract class SimulatorOnInMemoryBrokerTest : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private InMemoryMqttTransport _simulatorTransport = null!;

    protected InMemoryBroker Broker { get; } = new();

    protected ConcurrentQueue<MqttMessage> Received { get; } = new();

    protected InMemoryMqttTransport Controller { get; private set; } = null!;

    protected SiteSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _simulatorTransport = Broker.CreateClient("simulator");
        Controller = Broker.CreateClient("controller");
        await _simulatorTransport.ConnectAsync();
        await Controller.ConnectAsync();
        Controller.OnMessage(Received.Enqueue);
        await Controller.SubscribeAsync("everest_api/#");
        Simulator = CreateSimulator(_simulatorTransport);
        await Simulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Simulator.DisposeAsync();
        await Controller.DisposeAsync();
        await _simulatorTransport.DisposeAsync();
    }

    protected abstract SiteSimulator CreateSimulator(IMqttTransport transport);
}
