using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using IdToken = Everest.Site.Domain.Evse.IdToken;
using SessionFinished = Everest.Site.Domain.Evse.History.SessionFinished;
using SessionStarted = Everest.Site.Domain.Evse.History.SessionStarted;
using TransactionFinished = Everest.Site.Domain.Evse.History.TransactionFinished;
using TransactionStarted = Everest.Site.Domain.Evse.History.TransactionStarted;

namespace Everest.Site.Scenarios.Evse;

public sealed class ChargingSessionStories(ITestOutputHelper output) : EvseScenario(output)
{
    private const string Session = "9f1c2e7a-0001";

    [Fact]
    public async Task A_driver_plugs_in_authorizes_charges_is_paused_by_the_site_resumed_and_unplugs()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await Everest.PublishAsync("hw_capabilities", Wire.ThreePhase32A);
        await ExpectHistoryAsync<HardwareCapabilitiesChanged>(h => h.MaxCurrentA == 32 && h.MaxPhases == 3);
        await Everest.PublishAsync("powermeter_public_key_ocmf", "3059301306072A8648CE3D0201");
        var now = Time.GetUtcNow();

        // The car is plugged in and the driver taps a card.
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 1000, now));
        await Everest.SessionEventAsync(Session, SessionEventType.AuthRequired);
        await Everest.SessionEventAsync(Session, SessionEventType.Authorized);
        await Everest.SessionEventAsync(Session, SessionEventType.TransactionStarted, Wire.TransactionStarted(1000, now));
        await Everest.SessionEventAsync(Session, SessionEventType.PrepareCharging);
        await Everest.SessionEventAsync(Session, SessionEventType.ChargingStarted, Wire.Meter(1000, now));
        await ExpectHistoryAsync<SessionStarted>(e => e.SessionUuid == Session && e.Reason == "EVConnected" && e.MeterWh == 1000);
        await ExpectHistoryAsync<Authorized>(e => e.SessionUuid == Session);
        await ExpectHistoryAsync<TransactionStarted>(e => e.IdTag == new IdToken("04A2B3C4D5", "ISO14443") && e.MeterWh == 1000 && e.SignedStart!.SignedMeterData == "OCMF|start");
        await ExpectHistoryAsync<ChargingStarted>();

        // The site is short of current and pauses this EVSE.
        var paused = await CommandAsync(new PauseCharging("grid limit reached"));
        Assert.True(paused.Succeeded, paused.FailureReason);
        Assert.Equal(1, Everest.CountReceived("pause_charging"));
        await Everest.SessionEventAsync(Session, SessionEventType.ChargingPausedEVSE, Wire.Meter(2500, now));
        var pause = await ExpectHistoryAsync<ChargingPaused>();
        Assert.Equal(PauseCause.Site, pause.Cause);
        Assert.Equal("grid limit reached", pause.Reason);
        Assert.Equal(2500, pause.MeterWh);

        // Current is back: resume. EVerest answers with WaitingForEnergy, PrepareCharging, ChargingStarted.
        var resumed = await CommandAsync(new ResumeCharging());
        Assert.True(resumed.Succeeded, resumed.FailureReason);
        await Everest.SessionEventAsync(Session, SessionEventType.WaitingForEnergy);
        await Everest.SessionEventAsync(Session, SessionEventType.PrepareCharging);
        await Everest.SessionEventAsync(Session, SessionEventType.ChargingStarted, Wire.Meter(2500, now));
        var resume = await ExpectHistoryAsync<ChargingResumed>();
        Assert.Equal(PauseCause.Site, resume.Cause);

        // The driver unplugs.
        await Everest.SessionEventAsync(Session, SessionEventType.TransactionFinished, Wire.TransactionFinished(7400, now, StopTransactionReason.EVDisconnected));
        await Everest.SessionEventAsync(Session, SessionEventType.SessionFinished, Wire.Finished(7400, now));
        var finished = await ExpectHistoryAsync<TransactionFinished>();
        Assert.Equal("EVDisconnected", finished.Reason);
        Assert.Equal(7400, finished.MeterWh);
        Assert.Equal("OCMF|start", finished.SignedStart?.SignedMeterData);
        Assert.Equal("OCMF|end", finished.SignedEnd?.SignedMeterData);
        Assert.Equal("3059301306072A8648CE3D0201", finished.OcmfPublicKey);
        await ExpectHistoryAsync<SessionFinished>(e => e.MeterWh == 7400);

        var snapshot = await SnapshotAsync();
        Assert.Null(snapshot.History.Session);
        Assert.Null(snapshot.History.Transaction);
        Assert.Equal(7400, snapshot.History.LastKnownMeterWh);
        Assert.Equal(0, snapshot.TotalRejections);
    }

    [Fact]
    public async Task Session_and_meter_events_are_tagged_for_billing_and_all_events_for_the_evse()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, now));
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(now, 10, currentA: 16));
        await ExpectHistoryAsync<SessionStarted>();
        await ExpectHistoryAsync<MeterSampled>(m => m.SessionUuid == Session && m.Reading.ImportedWh == 10);

        var stored = JournalWrites.Writes.Where(w => w.PersistenceId == EvseActorSettings.PersistenceIdOf(EvseId)).ToList();

        Assert.Equal([CameOnline.Manifest, SessionStarted.Manifest, MeterSampled.Manifest], stored.Select(w => w.Manifest));
        Assert.Equal(["evse"], stored[0].Tags.Order());
        Assert.Equal(["billing", "evse"], stored[1].Tags.Order());
        Assert.Equal(["billing", "evse"], stored[2].Tags.Order());
        var replayed = await ReadJournalAsync(EvseActorSettings.PersistenceIdOf(EvseId));
        Assert.Equal(stored.Select(w => w.Event), replayed.Select(r => r.Payload));
    }

    [Fact]
    public async Task Meter_readings_at_one_hertz_are_decimated_not_journaled_one_by_one()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var start = Time.GetUtcNow();

        // Ten minutes at 11 kW: 600 readings, about 1.8 kWh.
        for (var second = 0; second < 600; second++)
        {
            await Everest.PublishAsync("powermeter", FakeEverest.Meter(start.AddSeconds(second), 5000 + (second * 3.05), currentA: 16));
        }

        await Everest.PublishAsync("evse_id", "DEPNXE123456*1");
        await AwaitSnapshotAsync(s => s.Live.EvseId is not null, "the sentinel after the readings is processed");
        // Kept: the first reading and the one five minutes later (the policy's interval; 915 Wh is below its
        // 1 kWh delta). The remaining 299 s add less than the interval and less than the delta: nothing.
        var firstSample = await ExpectHistoryAsync<MeterSampled>();
        var secondSample = await ExpectHistoryAsync<MeterSampled>();
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal((start, 5000.0), (firstSample.Reading.At, firstSample.Reading.ImportedWh));
        Assert.Equal(start.AddMinutes(5), secondSample.Reading.At);
        Assert.Equal(new PhaseCurrents(16, 16, 16), secondSample.Reading.Current);
        var snapshot = await SnapshotAsync();
        Assert.Equal(start.AddSeconds(599), snapshot.Live.Powermeter?.Timestamp);
    }

    [Fact]
    public async Task A_pause_the_car_asks_for_is_attributed_to_the_EV_and_one_nobody_asked_for_to_the_EVSE()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await StartChargingAsync();
        var now = Time.GetUtcNow();

        await Everest.SessionEventAsync(Session, SessionEventType.ChargingPausedEV, Wire.Meter(1200, now));
        await ExpectHistoryAsync<ChargingPaused>(p => p.Cause == PauseCause.Ev && p.Reason == SessionEventTranslator.EvPauseReason);
        await Everest.SessionEventAsync(Session, SessionEventType.ChargingResumed, Wire.Meter(1200, now));
        await ExpectHistoryAsync<ChargingResumed>(r => r.Cause == PauseCause.Ev);

        await Everest.SessionEventAsync(Session, SessionEventType.ChargingPausedEVSE, Wire.Meter(1300, now));
        await ExpectHistoryAsync<ChargingPaused>(p => p.Cause == PauseCause.Evse && p.Reason == SessionEventTranslator.EvsePauseReason);

        var snapshot = await SnapshotAsync();
        Assert.Equal(ChargingPhase.Paused, snapshot.History.Transaction?.Phase);
        Assert.Equal(PauseCause.Evse, snapshot.History.Transaction?.PausedBy);
        Assert.Equal(0, snapshot.History.Transaction?.PausesBySite);
    }

    [Fact]
    public async Task The_site_disables_the_EVSE_during_a_session_and_the_transaction_stays_open()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await StartChargingAsync();

        Everest.Answer("enable_disable", false);
        var disabled = await CommandAsync(SetAvailability.Disable());
        Assert.True(disabled.Succeeded, disabled.FailureReason);
        var request = Assert.Single(Everest.Received, r => r.Operation == "enable_disable");
        Assert.Contains("\"enable_state\":\"Disable\"", request.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"enable_priority\":100", request.PayloadJson, StringComparison.Ordinal);
        await Everest.SessionEventAsync(Session, SessionEventType.Disabled, Wire.Source(EnableSource.LocalAPI, EnableState.Disable, 100));
        await ExpectHistoryAsync<AvailabilityChanged>(a => !a.Enabled && a.Source == "LocalAPI" && a.Priority == 100);

        // A firmware update holds the EVSE disabled with a stronger priority: our enable cannot win.
        Everest.Answer("enable_disable", false);
        var enabled = await CommandAsync(SetAvailability.Enable());
        Assert.False(enabled.Succeeded);
        Assert.Contains("stronger priority", enabled.FailureReason, StringComparison.Ordinal);

        var snapshot = await SnapshotAsync();
        Assert.False(snapshot.History.Enabled);
        Assert.Equal(Session, snapshot.History.Transaction?.SessionUuid);
        Assert.False(snapshot.Status.Enabled);
    }

    private async Task StartChargingAsync()
    {
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync(Session, SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 1000, now));
        await Everest.SessionEventAsync(Session, SessionEventType.Authorized);
        await Everest.SessionEventAsync(Session, SessionEventType.TransactionStarted, Wire.TransactionStarted(1000, now));
        await Everest.SessionEventAsync(Session, SessionEventType.ChargingStarted, Wire.Meter(1000, now));
        await ExpectHistoryAsync<SessionStarted>();
        await ExpectHistoryAsync<Authorized>();
        await ExpectHistoryAsync<TransactionStarted>();
        await ExpectHistoryAsync<ChargingStarted>();
    }
}
