using System.Text;
using Akka.Actor;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Tests.Hosting;

/// <summary>The whole controller in process, on an in-memory broker, against a hand-driven EVerest side.</summary>
public sealed class SiteHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InMemoryBroker broker = new();
    private InMemoryMqttTransport everest = null!;
    private InMemoryMqttTransport controller = null!;
    private MessageRecorder fromController = null!;

    public async Task InitializeAsync()
    {
        everest = broker.CreateClient("fake-everest");
        controller = broker.CreateClient("controller");
        await everest.ConnectAsync();
        await everest.SubscribeAsync("everest_api/1/+/+/m2e/#");
        fromController = new MessageRecorder(everest);
    }

    public async Task DisposeAsync()
    {
        fromController.Dispose();
        await everest.DisposeAsync();
        await controller.DisposeAsync();
    }

    [Fact]
    public async Task Start_publishes_communication_check_true_on_every_configured_api_instance()
    {
        await using var host = await StartAsync();

        await fromController.WaitUntilAsync(
            messages => TwoEvseSite.CommunicationCheckTopics.All(topic => messages.Any(m => m.Topic == topic && MessageRecorder.Text(m) == "true")),
            "communication_check true on " + string.Join(", ", TwoEvseSite.CommunicationCheckTopics),
            Patience);
        Assert.Equal(2, host.EvseCount);
        Assert.Equal(TwoEvseSite.CommunicationCheckTopics.Order(StringComparer.Ordinal), host.CommunicationCheck.Topics);
    }

    [Fact]
    public async Task Evse_actors_receive_what_everest_publishes()
    {
        await using var host = await StartAsync();
        var uuid = Guid.NewGuid().ToString();

        await PublishAsync(TwoEvseSite.FirstModule, "heartbeat", Encoding.UTF8.GetBytes("0"));
        await PublishAsync(TwoEvseSite.FirstModule, "session_event", EverestJson.Encode(new SessionEvent(
            uuid,
            SessionEventType.SessionStarted,
            DateTimeOffset.UtcNow,
            ConnectorId: 1,
            SessionStarted: new SessionStarted(StartSessionReason.EVConnected, new Powermeter(DateTimeOffset.UtcNow, new PhaseValues(Total: 1234))))));

        var snapshot = await EventuallyAsync(
            host.Fleet,
            TwoEvseSite.FirstEvse,
            s => s.Live.Online && s.Live.LastSessionEvent?.Uuid == uuid && s.LastSequenceNr >= 1,
            "EVSE t-1-1 online with the session recorded");
        Assert.Equal(SessionEventType.SessionStarted, snapshot.Live.LastSessionEvent!.Event);
        var other = await host.Fleet.Ask<EvseSnapshot>(new EvseEnvelope(TwoEvseSite.SecondEvse, GetEvseSnapshot.Instance), Patience);
        Assert.Null(other.Live.LastSessionEvent);
    }

    [Fact]
    public async Task System_requests_are_answered_with_the_safe_defaults()
    {
        await using var host = await StartAsync();
        var replyTo = $"everest_api/1/system/{TwoEvseSite.SystemModule}/m2e/reply/{Guid.NewGuid()}";
        await fromController.WaitUntilAsync(messages => messages.Count > 0, "the controller's first message", Patience);

        await PublishAsync(TwoEvseSite.SystemModule, "get_boot_reason", Encoding.UTF8.GetBytes($$$"""{"headers":{"replyTo":"{{{replyTo}}}"}}"""), EverestApiType.System);
        await PublishAsync(TwoEvseSite.SystemModule, "is_reset_allowed", Encoding.UTF8.GetBytes($$$"""{"headers":{"replyTo":"{{{replyTo}}}-reset"},"payload":"Soft"}"""), EverestApiType.System);

        await fromController.WaitUntilAsync(m => m.Any(x => x.Topic == replyTo && MessageRecorder.Text(x) == "\"Unknown\""), "get_boot_reason answered \"Unknown\"", Patience);
        await fromController.WaitUntilAsync(m => m.Any(x => x.Topic == replyTo + "-reset" && MessageRecorder.Text(x) == "false"), "is_reset_allowed answered false", Patience);
        Assert.Equal(0, host.Responder.UnhandledRequests);
    }

    [Fact]
    public async Task Stop_publishes_communication_check_false_everywhere_and_terminates_the_actors()
    {
        var host = await StartAsync();
        await fromController.WaitUntilAsync(m => m.Any(x => MessageRecorder.Text(x) == "true"), "a first communication check", Patience);

        await host.StopAsync();

        await fromController.WaitUntilAsync(
            messages => TwoEvseSite.CommunicationCheckTopics.All(topic => messages.Any(m => m.Topic == topic && MessageRecorder.Text(m) == "false")),
            "communication_check false on every instance",
            Patience);
        Assert.True(host.System.WhenTerminated.IsCompleted, "the actor system is terminated once StopAsync returns");
        var falses = fromController.Messages.Count(m => MessageRecorder.Text(m) == "false");
        await host.DisposeAsync();
        Assert.Equal(falses, fromController.Messages.Count(m => MessageRecorder.Text(m) == "false"));
    }

    [Fact]
    public async Task Dispose_without_stop_does_not_end_everests_supervision()
    {
        var host = await StartAsync();
        await fromController.WaitUntilAsync(m => m.Any(x => MessageRecorder.Text(x) == "true"), "a first communication check", Patience);

        await host.DisposeAsync();

        Assert.True(host.System.WhenTerminated.IsCompleted);
        Assert.DoesNotContain(fromController.Messages, m => MessageRecorder.Text(m) == "false");
    }

    [Fact]
    public async Task A_memory_broker_without_a_transport_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            SiteHost.StartAsync(TwoEvseSite.InMemory(), transport: null, NullLoggerFactory.Instance, TimeProvider.System));
        Assert.Contains("mqtt.provider", error.Message, StringComparison.Ordinal);
    }

    private Task<SiteHost> StartAsync() =>
        SiteHost.StartAsync(TwoEvseSite.InMemory(), controller, NullLoggerFactory.Instance, TimeProvider.System);

    private Task PublishAsync(string moduleId, string operation, byte[] body, EverestApiType api = EverestApiType.EvseManagerConsumer) =>
        everest.PublishAsync(new MqttMessage(EverestTopic.FromEverest(api, moduleId, operation).ToString(), body, MqttQos.AtLeastOnce));

    /// <summary>Asks the actor for its snapshot until <paramref name="condition"/> holds, failing after <see cref="Patience"/>.</summary>
    private static async Task<EvseSnapshot> EventuallyAsync(IActorRef fleet, string evseId, Func<EvseSnapshot, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        EvseSnapshot? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await fleet.Ask<EvseSnapshot>(new EvseEnvelope(evseId, GetEvseSnapshot.Instance), Patience);
            if (condition(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.Fail($"Not within {Patience.TotalSeconds} s: {what}. Last snapshot: {last}");
        return last!;
    }
}
