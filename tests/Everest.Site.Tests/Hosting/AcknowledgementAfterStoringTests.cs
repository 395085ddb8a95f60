namespace Everest.Site.Tests.Hosting;

/// <summary>
/// The controller as the host composes it (the counting view of the transport included) acknowledges a billable
/// session event to the broker only once the EVSE actor stored it, and telemetry at once. Were the acknowledgement
/// sent as the handlers return, a process killed before the store would lose the event: the broker would not send
/// it again.
/// </summary>
public sealed class AcknowledgementAfterStoringTests : IAsyncLifetime
{
    private InMemoryEverestSide side = null!;
    private ManuallyAcknowledgingTransport controller = null!;

    public async Task InitializeAsync()
    {
        side = await InMemoryEverestSide.ConnectAsync();
        controller = new ManuallyAcknowledgingTransport(side.Controller);
    }

    public async Task DisposeAsync()
    {
        await controller.DisposeAsync();
        await side.DisposeAsync();
    }

    [Fact]
    public async Task A_session_event_is_acknowledged_after_it_is_stored_and_telemetry_at_once()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), controller);
        var sessionTopic = InMemoryEverestSide.Topic(TwoEvseSite.FirstModule, "session_event");
        var heartbeatTopic = InMemoryEverestSide.Topic(TwoEvseSite.FirstModule, "heartbeat");
        var uuid = Guid.NewGuid().ToString();

        await side.PublishAsync(TwoEvseSite.FirstModule, "heartbeat", "0"u8.ToArray());
        await side.PublishAsync(TwoEvseSite.FirstModule, "session_event", InMemoryEverestSide.SessionStarted(uuid));

        await InMemoryEverestSide.EventuallyAsync(() => controller.Acknowledged.Any(a => a.Topic == sessionTopic), "the session event acknowledged");
        Assert.Contains((heartbeatTopic, true), controller.Acknowledged);
        Assert.Contains((sessionTopic, false), controller.Acknowledged);
        Assert.DoesNotContain((sessionTopic, true), controller.Acknowledged);
        var snapshot = await site.SnapshotAsync(TwoEvseSite.FirstEvse);
        Assert.Equal(uuid, snapshot.History.Session?.Uuid);
    }
}
