using Everest.Site.Mqtt.InMemory;
using Everest.Site.Mqtt.Tests.Contract;

namespace Everest.Site.Mqtt.Tests.InMemory;

public sealed class InMemoryTransportContractTests : TransportContractTests
{
    protected override Task<ITransportUnderTest> CreateTargetAsync() => Task.FromResult<ITransportUnderTest>(new Target());

    private sealed class Target : ITransportUnderTest
    {
        private readonly InMemoryBroker broker = new();

        public IMqttTransport CreateClient(string clientId) => broker.CreateClient(clientId);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
