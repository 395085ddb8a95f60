using Everest.Site.Mqtt.Mosquitto;
using Everest.Site.Mqtt.Tests.Contract;
using Everest.Site.Mqtt.Tests.Support;

namespace Everest.Site.Mqtt.Tests.Mosquitto;

public sealed class MosquittoTransportContractTests(SharedMosquittoFixture fixture) : TransportContractTests, IClassFixture<SharedMosquittoFixture>
{
    protected override Task<ITransportUnderTest> CreateTargetAsync() => Task.FromResult<ITransportUnderTest>(new Target(fixture));

    private sealed class Target(SharedMosquittoFixture fixture) : ITransportUnderTest
    {
        public IMqttTransport CreateClient(string clientId) => new MosquittoTransport(MosquittoClients.For(fixture.Broker, clientId));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
