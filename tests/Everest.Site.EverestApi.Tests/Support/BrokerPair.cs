using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>An in-memory broker with two connected clients: the controller (us) and a fake EVerest.</summary>
public sealed class BrokerPair : IAsyncDisposable
{
    private BrokerPair(InMemoryBroker broker, InMemoryMqttTransport controller, InMemoryMqttTransport everest)
    {
        Broker = broker;
        Controller = controller;
        Everest = everest;
    }

    public InMemoryBroker Broker { get; }

    public InMemoryMqttTransport Controller { get; }

    public InMemoryMqttTransport Everest { get; }

    public TimerCountingTimeProvider Time { get; } = new();

    public EverestApiOptions Options { get; init; } = new();

    public static async Task<BrokerPair> StartAsync(EverestApiOptions? options = null)
    {
        var broker = new InMemoryBroker();
        var controller = broker.CreateClient("controller");
        var everest = broker.CreateClient("fake-everest");
        await controller.ConnectAsync();
        await everest.ConnectAsync();
        return new BrokerPair(broker, controller, everest) { Options = options ?? new EverestApiOptions() };
    }

    public EverestApiClient CreateClient() => new(Controller, Options, Time, NullLogger<EverestApiClient>.Instance);

    public EverestRequestResponder CreateResponder() => new(Controller, Options, Time, NullLogger<EverestRequestResponder>.Instance);

    public CommunicationCheckKeeper CreateKeeper() => new(Controller, Options, Time, NullLogger<CommunicationCheckKeeper>.Instance);

    /// <summary>Publishes from the fake EVerest.</summary>
    public Task EverestPublishAsync(string topic, string body) =>
        Everest.PublishAsync(new MqttMessage(topic, System.Text.Encoding.UTF8.GetBytes(body), MqttQos.AtLeastOnce));

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Everest.DisposeAsync();
        Broker.Stop();
    }
}
