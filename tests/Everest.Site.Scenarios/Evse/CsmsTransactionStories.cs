using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Evse;

public sealed class CsmsTransactionStories(ITestOutputHelper output) : EvseScenario(output)
{
    [Fact]
    public async Task The_CSMS_transaction_id_is_joined_on_the_session_uuid_even_when_OCPP_reports_it_first()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-7", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.Authorized, 0, now));
        await ExpectHistoryAsync<Recorded.SessionStarted>();

        // The OCPP module is quicker than EvseManager's TransactionStarted; another EVSE's event is not ours.
        await Everest.OcppTransactionEventAsync(OcppModuleId, new OcppTransactionEvent(OcppTransactionEventType.Started, "s-7", new OcppEvse(1, 1), "CSMS-42"));
        await Everest.OcppTransactionEventAsync(OcppModuleId, new OcppTransactionEvent(OcppTransactionEventType.Started, "other-evse", new OcppEvse(2, 1), "CSMS-43"));
        await Everest.SessionEventAsync("s-7", SessionEventType.TransactionStarted, Wire.TransactionStarted(0, now));
        await ExpectHistoryAsync<Recorded.TransactionStarted>();
        await ExpectHistoryAsync<CsmsTransactionIdAssigned>(c => c.SessionUuid == "s-7" && c.TransactionId == "CSMS-42");

        // Updates with the same id add nothing.
        await Everest.OcppTransactionEventAsync(OcppModuleId, new OcppTransactionEvent(OcppTransactionEventType.Updated, "s-7", new OcppEvse(1, 1), "CSMS-42"));
        var snapshot = await AwaitSnapshotAsync(s => s.History.Transaction?.CsmsTransactionId == "CSMS-42", "the id is in the open transaction");
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, snapshot.TotalRejections);
    }

    [Fact]
    public async Task A_CSMS_transaction_id_arriving_during_the_transaction_is_recorded_at_once()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-8", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, now));
        await Everest.SessionEventAsync("s-8", SessionEventType.TransactionStarted, Wire.TransactionStarted(0, now));
        await ExpectHistoryAsync<Recorded.SessionStarted>();
        await ExpectHistoryAsync<Recorded.TransactionStarted>();

        await Everest.OcppTransactionEventAsync(OcppModuleId, new OcppTransactionEvent(OcppTransactionEventType.Started, "s-8", TransactionId: "CSMS-77"));

        await ExpectHistoryAsync<CsmsTransactionIdAssigned>(c => c.TransactionId == "CSMS-77");
    }
}
