using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Contract;
using Everest.Site.Mqtt.Tests.Support;

namespace Everest.Site.Mqtt.Tests.MqttNet;

/// <summary>The transport contract on MQTTnet against a real mosquitto.</summary>
public sealed class MqttNetTransportContractTests(SharedMosquittoFixture fixture) : TransportContractTests, IClassFixture<SharedMosquittoFixture>
{
    protected override Task<ITransportUnderTest> CreateTargetAsync() => Task.FromResult<ITransportUnderTest>(new Target(fixture));

    private sealed class Target(SharedMosquittoFixture fixture) : ITransportUnderTest
    {
        public IMqttTransport CreateClient(string clientId) => new MqttNetTransport(MqttNetClients.For(fixture.Broker, clientId));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
