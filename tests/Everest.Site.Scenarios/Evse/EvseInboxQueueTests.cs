using Akka.Actor;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;

namespace Everest.Site.Scenarios.Evse;

public sealed class EvseInboxQueueTests
{
    private static readonly EvseInboxSettings Small = new(TelemetryCapacity: 3, MaxInFlight: 2, MaxDeliveryAttempts: 2);

    [Fact]
    public void Messages_are_handed_over_in_arrival_order_within_the_in_flight_window()
    {
        var queue = new EvseInboxQueue(Small);
        queue.Enqueue("a", ActorRefs.Nobody);
        queue.Enqueue("b", ActorRefs.Nobody);
        queue.Enqueue("c", ActorRefs.Nobody);

        Assert.Equal(["a", "b"], TakeAll(queue));
        queue.Acknowledge(1);
        Assert.Equal(["c"], TakeAll(queue));
        Assert.Equal(2, queue.InFlight);
    }

    [Fact]
    public void Acknowledgements_are_cumulative()
    {
        var queue = new EvseInboxQueue(Small with { MaxInFlight = 10 });
        foreach (var m in new[] { "a", "b", "c" })
        {
            queue.Enqueue(m, ActorRefs.Nobody);
        }

        TakeAll(queue);
        queue.Acknowledge(2);

        Assert.Equal(1, queue.InFlight);
    }

    [Fact]
    public void Past_its_capacity_the_oldest_telemetry_is_dropped_and_counted_and_nothing_else_is()
    {
        var queue = new EvseInboxQueue(Small with { MaxInFlight = 100 });
        queue.Enqueue(Telemetry(1), ActorRefs.Nobody);
        queue.Enqueue("command", ActorRefs.Nobody);
        queue.Enqueue(Telemetry(2), ActorRefs.Nobody);
        queue.Enqueue(Telemetry(3), ActorRefs.Nobody);

        Assert.Equal(1, queue.Enqueue(Telemetry(4), ActorRefs.Nobody));
        queue.Enqueue(SessionEventPublication(), ActorRefs.Nobody);

        Assert.Equal((3, 2, 1L), (queue.QueuedTelemetry, queue.QueuedOther, queue.DroppedTelemetry));
        Assert.Equal(["command", "t2", "t3", "t4", "session_event"], TakeAll(queue));
    }

    [Fact]
    public void What_a_stopped_actor_left_unacknowledged_goes_back_to_the_front_in_order()
    {
        var queue = new EvseInboxQueue(Small);
        queue.Enqueue("a", ActorRefs.Nobody);
        queue.Enqueue(Telemetry(1), ActorRefs.Nobody);
        queue.Enqueue("c", ActorRefs.Nobody);
        TakeAll(queue);

        Assert.Null(queue.ActorStopped(messageAtFault: false));

        Assert.Equal((0, 1, 2), (queue.InFlight, queue.QueuedTelemetry, queue.QueuedOther));
        Assert.Equal(["a", "t1"], TakeAll(queue));
        queue.Acknowledge(long.MaxValue);
        Assert.Equal(["c"], TakeAll(queue));
    }

    [Fact]
    public void A_journal_outage_never_gives_a_message_up_however_often_the_actor_stops()
    {
        var queue = new EvseInboxQueue(Small);
        queue.Enqueue("session event", ActorRefs.Nobody);

        for (var restart = 0; restart < 10; restart++)
        {
            TakeAll(queue);
            Assert.Null(queue.ActorStopped(messageAtFault: false));
        }

        Assert.Equal(0, queue.GivenUp);
        Assert.Equal(["session event"], TakeAll(queue));
    }

    [Fact]
    public void A_message_the_actor_fails_on_is_given_up_after_the_configured_attempts_and_the_next_one_is_handed_over()
    {
        var queue = new EvseInboxQueue(Small);
        queue.Enqueue("poison", ActorRefs.Nobody);
        queue.Enqueue("fine", ActorRefs.Nobody);

        TakeAll(queue);
        Assert.Null(queue.ActorStopped(messageAtFault: true));
        TakeAll(queue);
        var givenUp = queue.ActorStopped(messageAtFault: true);

        Assert.Equal("poison", givenUp?.Message);
        Assert.Equal(2, givenUp?.Failures);
        Assert.Equal(1, queue.GivenUp);
        Assert.Equal(["fine"], TakeAll(queue));
    }

    [Theory]
    [InlineData("session_event", false)]
    [InlineData("powermeter", true)]
    [InlineData("limits", true)]
    [InlineData("heartbeat", true)]
    public void Session_events_are_never_telemetry_and_other_publications_are(string operation, bool telemetry)
    {
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, "m", operation);
        var payload = operation == "session_event" ? new SessionEvent("u", SessionEventType.SessionStarted, DateTimeOffset.UnixEpoch) : new object();
        var publication = new EverestPublication(new EverestMessage(topic, EverestApiContract.Get(EverestApiType.EvseManagerConsumer, operation), payload));

        Assert.Equal(telemetry, EvseInboxQueue.IsTelemetry(publication));
    }

    [Fact]
    public void Commands_queries_OCPP_transaction_events_and_rejections_are_classified()
    {
        Assert.False(EvseInboxQueue.IsTelemetry(new PauseCharging("peak")));
        Assert.False(EvseInboxQueue.IsTelemetry(GetEvseSnapshot.Instance));
        Assert.False(EvseInboxQueue.IsTelemetry(new OcppTransactionObserved(new OcppTransactionEvent(OcppTransactionEventType.Started, "u"))));
        Assert.True(EvseInboxQueue.IsTelemetry(new EverestPublicationRejected("t", "bad")));
    }

    private static EverestPublication Telemetry(int n)
    {
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, "m", "ready");
        return new EverestPublication(new EverestMessage(topic, EverestApiContract.Get(EverestApiType.EvseManagerConsumer, "ready"), $"t{n}"));
    }

    private static EverestPublication SessionEventPublication()
    {
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, "m", "session_event");
        return new EverestPublication(new EverestMessage(topic, EverestApiContract.Get(EverestApiType.EvseManagerConsumer, "session_event"), new SessionEvent("u", SessionEventType.Authorized, DateTimeOffset.UnixEpoch)));
    }

    /// <summary>Takes every message the window allows, as names: strings as they are, telemetry as its payload, session events as "session_event".</summary>
    private static List<string> TakeAll(EvseInboxQueue queue)
    {
        var taken = new List<string>();
        while (queue.TryTakeNext(out var entry))
        {
            taken.Add(entry.Message switch
            {
                string text => text,
                EverestPublication { Message.Payload: SessionEvent } => "session_event",
                EverestPublication publication => (string)publication.Message.Payload!,
                var other => other.ToString()!,
            });
        }

        return taken;
    }
}
