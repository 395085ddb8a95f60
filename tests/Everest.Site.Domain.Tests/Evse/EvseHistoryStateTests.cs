using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Domain.Tests.Evse;

public sealed class EvseHistoryStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly IdToken Card = new("04A2B3C4", "ISO14443");

    [Fact]
    public void A_full_session_opens_and_closes_session_and_transaction()
    {
        var history = new IEvseHistoryEvent[]
        {
            new SessionStarted("s-1", T0, "EVConnected", null, 1000, null),
            new Authorized("s-1", T0.AddSeconds(5), 1000),
            new TransactionStarted("s-1", T0.AddSeconds(6), Card, 1000, null, null),
            new ChargingStarted("s-1", T0.AddSeconds(10), 1000),
        };

        var charging = EvseHistoryState.Replay(history);
        Assert.Equal("s-1", charging.Session?.Uuid);
        Assert.True(charging.Session?.Authorized);
        Assert.Equal(ChargingPhase.Charging, charging.Transaction?.Phase);
        Assert.Equal(1000, charging.Transaction?.StartMeterWh);

        var done = charging
            .Apply(new TransactionFinished("s-1", T0.AddHours(1), "EVDisconnected", 12000, null, null, null))
            .Apply(new SessionFinished("s-1", T0.AddHours(1), 12000));
        Assert.Null(done.Transaction);
        Assert.Null(done.Session);
        Assert.Equal(12000, done.LastKnownMeterWh);
    }

    [Fact]
    public void Pauses_by_the_site_are_counted_and_the_cause_is_kept_until_resume()
    {
        var state = EvseHistoryState.Replay(
        [
            new SessionStarted("s-1", T0, "EVConnected", null, 0, null),
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new ChargingStarted("s-1", T0, 0),
            new ChargingPaused("s-1", T0.AddMinutes(10), PauseCause.Site, "site limit", 1500),
        ]);
        Assert.Equal(ChargingPhase.Paused, state.Transaction?.Phase);
        Assert.Equal(PauseCause.Site, state.Transaction?.PausedBy);
        Assert.Equal(T0.AddMinutes(10), state.Transaction?.PausedSince);

        state = state
            .Apply(new ChargingResumed("s-1", T0.AddMinutes(20), PauseCause.Site, 1500))
            .Apply(new ChargingPaused("s-1", T0.AddMinutes(30), PauseCause.Ev, null, 2500))
            .Apply(new ChargingResumed("s-1", T0.AddMinutes(31), PauseCause.Ev, 2500))
            .Apply(new ChargingPaused("s-1", T0.AddMinutes(40), PauseCause.Site, null, 3000));
        Assert.Equal(2, state.Transaction?.PausesBySite);
    }

    [Fact]
    public void A_reservation_used_by_its_driver_ends_with_the_transaction_that_names_it()
    {
        var state = EvseHistoryState.Replay(
        [
            new ReservationStarted(42, T0, T0.AddMinutes(15)),
            new SessionStarted("s-1", T0.AddMinutes(3), "EVConnected", null, 0, 42),
        ]);
        Assert.Equal(42, state.Reservation?.ReservationId);

        state = state.Apply(new TransactionStarted("s-1", T0.AddMinutes(4), Card, 0, 42, null));
        Assert.Null(state.Reservation);
    }

    [Fact]
    public void Events_for_another_session_leave_the_open_one_alone()
    {
        var state = EvseHistoryState.Replay(
        [
            new SessionStarted("s-1", T0, "EVConnected", null, 0, null),
            new TransactionStarted("s-1", T0, Card, 0, null, null),
        ]);

        var after = state
            .Apply(new ChargingPaused("s-other", T0, PauseCause.Ev, null, null))
            .Apply(new TransactionFinished("s-other", T0, null, 5, null, null, null))
            .Apply(new SessionFinished("s-other", T0, null));

        Assert.Equal(state.Transaction, after.Transaction);
        Assert.Equal(state.Session, after.Session);
    }

    [Fact]
    public void Availability_online_hardware_and_csms_id_are_tracked()
    {
        var hardware = new HardwareCapabilitiesChanged(T0, 6, 32, 1, 3, true);
        var state = EvseHistoryState.Replay(
        [
            new CameOnline(T0),
            new AvailabilityChanged(false, "FirmwareUpdate", 1000, T0),
            hardware,
            new SessionStarted("s-1", T0, "Authorized", Card, 0, null),
            new TransactionStarted("s-1", T0, Card, 0, null, null),
            new CsmsTransactionIdAssigned("s-1", "csms-77", T0),
            new WentOffline(T0.AddMinutes(1), T0.AddSeconds(55)),
        ]);

        Assert.False(state.Online);
        Assert.False(state.Enabled);
        Assert.Equal("FirmwareUpdate", state.EnableSource);
        Assert.Equal(1000, state.EnablePriority);
        Assert.Equal(hardware, state.Hardware);
        Assert.Equal("csms-77", state.Transaction?.CsmsTransactionId);
    }

    [Fact]
    public void Meter_samples_advance_the_last_sample_and_known_meter()
    {
        var reading = new MeterReading(T0, 4321, 7000, new PhaseCurrents(10, 10, 10));
        var state = EvseHistoryState.Initial.Apply(new MeterSampled(null, reading));
        Assert.Equal(reading, state.LastSample);
        Assert.Equal(4321, state.LastKnownMeterWh);
    }
}
