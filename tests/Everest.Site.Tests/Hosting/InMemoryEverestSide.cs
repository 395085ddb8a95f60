using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The broker side of an <see cref="InProcessSite"/> on the in-memory broker: EVerest's client, connected and
/// subscribed to everything the controller sends EVerest's modules, and the controller's client, which the site
/// connects when it starts.
/// </summary>
internal sealed class InMemoryEverestSide : IAsyncDisposable
{
    /// <summary>How long a test waits for the site to react.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InMemoryBroker broker = new();

    private InMemoryEverestSide()
    {
        Everest = broker.CreateClient("fake-everest");
        Controller = broker.CreateClient("controller");
    }

    public InMemoryMqttTransport Everest { get; }

    public InMemoryMqttTransport Controller { get; }

    public static async Task<InMemoryEverestSide> ConnectAsync()
    {
        var side = new InMemoryEverestSide();
        await side.Everest.ConnectAsync();
        await side.Everest.SubscribeAsync("everest_api/1/+/+/m2e/#");
        return side;
    }

    /// <summary>The topic an EVSE manager module of EVerest publishes <paramref name="operation"/> on.</summary>
    public static string Topic(string moduleId, string operation) =>
        EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, moduleId, operation).ToString();

    /// <summary>The payload of a session_event starting session <paramref name="uuid"/> as a car plugs in, the meter at 1234 Wh.</summary>
    public static byte[] SessionStarted(string uuid) =>
        EverestJson.Encode(new SessionEvent(
            uuid,
            SessionEventType.SessionStarted,
            DateTimeOffset.UtcNow,
            ConnectorId: 1,
            SessionStarted: new SessionStarted(StartSessionReason.EVConnected, new Powermeter(DateTimeOffset.UtcNow, new PhaseValues(Total: 1234)))));

    /// <summary>Publishes as EVerest's EVSE manager module <paramref name="moduleId"/>, with QoS 1 as EVerest does.</summary>
    public Task PublishAsync(string moduleId, string operation, byte[] payload) =>
        Everest.PublishAsync(new MqttMessage(Topic(moduleId, operation), payload, MqttQos.AtLeastOnce));

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"not within {Patience}: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Everest.DisposeAsync();
        await Controller.DisposeAsync();
    }
}
