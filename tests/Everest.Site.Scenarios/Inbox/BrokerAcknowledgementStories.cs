using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Inbox;

/// <summary>
/// A billable message is acknowledged to the broker only once what it caused is stored: the router defers the
/// acknowledgement into the EVSE's inbox, which releases it when the actor acknowledged the delivery.
/// </summary>
public sealed class BrokerAcknowledgementStories(ITestOutputHelper output) : EvseScenario(output)
{
    private const string Session = "s-ack";

    [Fact]
    public async Task A_session_event_is_acknowledged_to_the_broker_only_after_it_is_stored_even_across_a_journal_outage()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await BreakTheJournalAsync();

        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SessionEvent(Session, SessionEventType.SessionStarted, Time.GetUtcNow(), ConnectorId: 1);
        Deliver("session_event", Wire.Started(StartSessionReason.EVConnected, 700, Time.GetUtcNow())(started), () => acknowledged.TrySetResult());

        await AwaitInboxAsync(EvseId, s => !s.ActorReady, "the actor stopped after the failed write");
        Assert.False(acknowledged.Task.IsCompleted, "acknowledged to the broker although nothing was stored");

        await RestoreTheJournalAsync();
        Time.Advance(Plan.Backoff.LongestFirstDelay);

        await ExpectHistoryAsync<Recorded.SessionStarted>(e => e.SessionUuid == Session);
        await acknowledged.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Telemetry_is_acknowledged_to_the_broker_when_it_is_handed_on_even_while_the_actor_is_down()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await BreakTheJournalAsync();
        var now = Time.GetUtcNow();
        Deliver("session_event", Wire.Started(StartSessionReason.EVConnected, 700, now)(new SessionEvent(Session, SessionEventType.SessionStarted, now, ConnectorId: 1)), () => { });
        await AwaitInboxAsync(EvseId, s => !s.ActorReady, "the actor stopped after the failed write");

        var acknowledged = false;
        Deliver("powermeter", FakeEverest.Meter(now, 700), () => acknowledged = true);

        Assert.True(acknowledged);
    }

    [Fact]
    public async Task A_CSMS_transaction_id_reported_before_its_transaction_is_acknowledged_once_stored_with_it()
    {
        var acknowledged = await StartASessionAndReportItsCsmsTransactionIdFirstAsync("CSMS-42");
        await AwaitInboxAsync(EvseId, s => s.InFlight == 0 && s.QueuedOther == 0, "the OCPP event handled");
        Assert.False(acknowledged.IsCompleted, "acknowledged to the broker while the CSMS transaction id waited in memory for its transaction");

        var now = Time.GetUtcNow();
        Deliver("session_event", Wire.TransactionStarted(0, now)(new SessionEvent(Session, SessionEventType.TransactionStarted, now, ConnectorId: 1)), () => { });
        await ExpectHistoryAsync<Recorded.TransactionStarted>(e => e.SessionUuid == Session);
        await ExpectHistoryAsync<Recorded.CsmsTransactionIdAssigned>(e => e.SessionUuid == Session && e.TransactionId == "CSMS-42");
        await acknowledged.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_waiting_CSMS_transaction_id_is_acknowledged_when_its_session_ends_without_a_transaction()
    {
        var acknowledged = await StartASessionAndReportItsCsmsTransactionIdFirstAsync("CSMS-43");

        var now = Time.GetUtcNow();
        Deliver("session_event", Wire.Finished(0, now)(new SessionEvent(Session, SessionEventType.SessionFinished, now, ConnectorId: 1)), () => { });

        await ExpectHistoryAsync<Recorded.SessionFinished>(e => e.SessionUuid == Session);
        await acknowledged.WaitAsync(Patience);
    }

    /// <summary>
    /// On an online EVSE, a session starts (authorized, so no transaction yet) and is stored; then OCPP reports the
    /// CSMS transaction id of its coming transaction. Returns what completes when that report is acknowledged to the broker.
    /// </summary>
    private async Task<Task> StartASessionAndReportItsCsmsTransactionIdFirstAsync(string csmsTransactionId)
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        Deliver("session_event", Wire.Started(StartSessionReason.Authorized, 0, now)(new SessionEvent(Session, SessionEventType.SessionStarted, now, ConnectorId: 1)), () => { });
        await ExpectHistoryAsync<Recorded.SessionStarted>(e => e.SessionUuid == Session);

        var acknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DeliverOcpp(new OcppTransactionEvent(OcppTransactionEventType.Started, Session, new OcppEvse(1, 1), csmsTransactionId), () => acknowledged.TrySetResult());
        return acknowledged.Task;
    }

    /// <summary>Routes a QoS 1 ocpp_transaction_event the way the MQTT transport does, with an acknowledgement the story watches.</summary>
    private void DeliverOcpp(OcppTransactionEvent transactionEvent, Action acknowledge)
    {
        var topic = EverestTopic.FromEverest(EverestApiType.OcppConsumer, OcppModuleId, EvseMessageRouter.OcppTransactionEventOperation).ToString();
        var delivery = new MqttDelivery(acknowledge);
        Router.Route(new MqttMessage(topic, EverestJson.Encode(transactionEvent), MqttQos.AtLeastOnce), delivery);
        delivery.HandlersReturned();
    }

    /// <summary>Routes a QoS 1 publication the way the MQTT transport does, with an acknowledgement the story watches.</summary>
    private void Deliver<T>(string operation, T payload, Action acknowledge)
    {
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, ModuleId, operation).ToString();
        var delivery = new MqttDelivery(acknowledge);
        Router.Route(new MqttMessage(topic, EverestJson.Encode(payload), MqttQos.AtLeastOnce), delivery);
        delivery.HandlersReturned();
    }
}
