using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>One mosquitto for a whole test class whose tests do not stop or reconfigure it.</summary>
public sealed class SharedMosquittoFixture : IAsyncLifetime
{
    private MosquittoBroker? broker;

    public MosquittoBroker Broker => broker ?? throw new InvalidOperationException("The mosquitto fixture has not started.");

    public async Task InitializeAsync() => broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }
}
