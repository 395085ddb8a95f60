using Everest.Site.Mqtt.Embedded;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Contract;
using Everest.Site.Mqtt.Tests.Support;

namespace Everest.Site.Mqtt.Tests.Embedded;

/// <summary>The transport contract on MQTTnet against the embedded broker, which the demo runs on.</summary>
public sealed class EmbeddedBrokerTransportContractTests : TransportContractTests
{
    protected override async Task<ITransportUnderTest> CreateTargetAsync() =>
        new Target(await EmbeddedMqttBroker.StartAsync(new EmbeddedMqttBrokerOptions { Port = 0 }));

    private sealed class Target(EmbeddedMqttBroker broker) : ITransportUnderTest
    {
        public IMqttTransport CreateClient(string clientId) => new MqttNetTransport(MqttNetClients.For(broker.Host, broker.Port, clientId));

        public ValueTask DisposeAsync() => broker.DisposeAsync();
    }
}
