using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;

namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The controller as the host composes it (the counting view of the transport included) acknowledges a billable
/// session event to the broker only once the EVSE actor stored it, and telemetry at once. Were the acknowledgement
/// sent as the handlers return, a process killed before the store would lose the event: the broker would not send
/// it again.
/// </summary>
public sealed class AcknowledgementAfterStoringTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InMemoryBroker broker = new();
    private InMemoryMqttTransport everest = null!;
    private ManuallyAcknowledgingTransport controller = null!;

    public async Task InitializeAsync()
    {
        everest = broker.CreateClient("fake-everest");
        controller = new ManuallyAcknowledgingTransport(broker.CreateClient("controller"));
        await everest.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await everest.DisposeAsync();
        await controller.DisposeAsync();
    }

    [Fact]
    public async Task A_session_event_is_acknowledged_after_it_is_stored_and_telemetry_at_once()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), controller);
        var sessionTopic = Topic("session_event");
        var heartbeatTopic = Topic("heartbeat");
        var uuid = Guid.NewGuid().ToString();

        await everest.PublishAsync(new MqttMessage(heartbeatTopic, "0"u8.ToArray(), MqttQos.AtLeastOnce));
        await everest.PublishAsync(new MqttMessage(sessionTopic, EverestJson.Encode(new SessionEvent(
            uuid,
            SessionEventType.SessionStarted,
            DateTimeOffset.UtcNow,
            ConnectorId: 1,
            SessionStarted: new SessionStarted(StartSessionReason.EVConnected, new Powermeter(DateTimeOffset.UtcNow, new PhaseValues(Total: 1234))))), MqttQos.AtLeastOnce));

        await EventuallyAsync(() => controller.Acknowledged.Any(a => a.Topic == sessionTopic), "the session event acknowledged");
        Assert.Contains((heartbeatTopic, true), controller.Acknowledged);
        Assert.Contains((sessionTopic, false), controller.Acknowledged);
        Assert.DoesNotContain((sessionTopic, true), controller.Acknowledged);
        var snapshot = await site.SnapshotAsync(TwoEvseSite.FirstEvse);
        Assert.Equal(uuid, snapshot.History.Session?.Uuid);
    }

    private static string Topic(string operation) =>
        EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, TwoEvseSite.FirstModule, operation).ToString();

    private static async Task EventuallyAsync(Func<bool> condition, string what)
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
}
