using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.Vehicles;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class EvseSessionLifecycleTests
{
    [Fact]
    public void Plug_in_first_reports_EVerest_order_up_to_ChargingStarted()
    {
        using var h = new EvseHarness();

        h.PlugInAndCharge();

        Assert.Equal(
            [SessionEventKind.SessionStarted, SessionEventKind.AuthRequired, SessionEventKind.Authorized,
             SessionEventKind.TransactionStarted, SessionEventKind.PrepareCharging, SessionEventKind.ChargingStarted],
            h.Kinds);
        Assert.Equal(StartSessionReason.EVConnected, h.Events[0].StartReason);
        Assert.All(h.Events, e => Assert.Equal(h.Evse.SessionUuid, e.SessionUuid));
    }

    [Fact]
    public void Controller_authorization_waits_for_authorize_response()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { AuthorizationMode = AuthorizationMode.Controller, VehiclePausesPerHour = 0 });
        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));

        h.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(EvseState.AuthRequired, h.Evse.State);

        Assert.True(h.Do((e, now) => e.Authorize(new IdToken("APP-42", "Central", "OCPP"), accepted: true, reservationId: null, now)));
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(EvseState.Charging, h.Evse.State);
        Assert.Equal("APP-42", h.Events.Single(e => e.Kind == SessionEventKind.TransactionStarted).IdTag!.Value);
    }

    [Fact]
    public void Rejected_authorization_does_not_start_a_transaction()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { AuthorizationMode = AuthorizationMode.Controller });
        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));

        Assert.False(h.Do((e, now) => e.Authorize(new IdToken("BLOCKED"), accepted: false, reservationId: null, now)));
        Assert.False(h.Evse.HasTransaction);
    }

    [Fact]
    public void Authorization_before_plug_in_starts_the_transaction_when_the_car_arrives()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Authorize(new IdToken("RFID-7"), accepted: true, reservationId: null, now));
        Assert.Equal([SessionEventKind.SessionStarted, SessionEventKind.Authorized], h.Kinds);
        Assert.Equal(StartSessionReason.Authorized, h.Events[0].StartReason);

        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));

        Assert.Equal(SessionEventKind.TransactionStarted, h.Kinds[2]);
        Assert.Equal("RFID-7", h.Events[2].IdTag!.Value);
    }

    [Fact]
    public void Withdrawn_authorization_before_plug_in_ends_the_session_with_Deauthorized()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.Authorize(new IdToken("RFID-7"), accepted: true, reservationId: null, now));

        Assert.True(h.Do((e, now) => e.WithdrawAuthorization(now)));

        Assert.Equal([SessionEventKind.SessionStarted, SessionEventKind.Authorized, SessionEventKind.Deauthorized, SessionEventKind.SessionFinished], h.Kinds);
        Assert.Equal(EvseState.Unplugged, h.Evse.State);
    }

    [Fact]
    public void Withdrawing_authorization_does_not_touch_a_running_transaction()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();

        Assert.False(h.Do((e, now) => e.WithdrawAuthorization(now)));
        Assert.True(h.Evse.HasTransaction);
    }

    [Fact]
    public void Transaction_events_carry_meter_values_id_tag_and_OCMF_start_and_stop()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { LocalStopProbability = 0, VehiclePausesPerHour = 0 });
        h.PlugInAndCharge();
        h.Advance(TimeSpan.FromMinutes(30));
        h.Do((e, now) => { e.Depart(now); return true; });

        var started = h.Events.Single(e => e.Kind == SessionEventKind.TransactionStarted);
        var finished = h.Events.Single(e => e.Kind == SessionEventKind.TransactionFinished);
        Assert.Equal("RFID-0001", started.IdTag!.Value);
        Assert.StartsWith("OCMF|", started.SignedMeterValue!.SignedMeterData, StringComparison.Ordinal);
        Assert.Equal(started.SignedMeterValue, finished.StartSignedMeterValue);
        Assert.StartsWith("OCMF|", finished.SignedMeterValue!.SignedMeterData, StringComparison.Ordinal);
        Assert.Contains("\"TX\":\"E\"", finished.SignedMeterValue.SignedMeterData, StringComparison.Ordinal);
        Assert.Equal(StopReason.EVDisconnected, finished.StopReason);
        Assert.Equal(h.Evse.MeterPublicKey, finished.SignedMeterValue.PublicKey);

        // 30 minutes at 32 A on three phases of 230 V is about 11 kWh.
        var energyWh = finished.Meter.EnergyImportWh - started.Meter.EnergyImportWh;
        Assert.InRange(energyWh, 10_000, 11_100);
        Assert.Equal(SessionEventKind.SessionFinished, h.Kinds[^1]);
    }

    [Fact]
    public void Stop_transaction_winds_down_then_the_driver_unplugs_later()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        h.ClearOutputs();

        Assert.True(h.Do((e, now) => e.StopTransaction(StopReason.Remote, idTag: null, now)));

        Assert.Equal([SessionEventKind.StoppingCharging, SessionEventKind.ChargingFinished, SessionEventKind.TransactionFinished], h.Kinds);
        Assert.Equal(StopReason.Remote, h.Events[^1].StopReason);
        Assert.Equal(EvseState.FinishedEVSE, h.Evse.State);
        Assert.False(h.Do((e, now) => e.StopTransaction(StopReason.Remote, idTag: null, now)));
    }

    [Fact]
    public void A_full_car_pauses_itself_and_stays_paused()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge(EvseHarness.Vehicle(EvseHarness.Car(energyNeededWh: 2_000)));

        h.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(EvseState.ChargingPausedEV, h.Evse.State);
        Assert.Equal(0, h.Evse.ActualCurrentA);
        Assert.InRange(h.Evse.SessionEnergyWh, 2_000, 2_100);
    }

    [Fact]
    public void Charging_tapers_above_the_cars_taper_state_of_charge()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge(EvseHarness.Vehicle(EvseHarness.Car(energyNeededWh: 60_000, initialSoc: 90)));
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.InRange(h.Evse.ActualCurrentA, 10, 20);
    }

    [Fact]
    public void A_single_phase_car_loads_one_phase()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge(EvseHarness.Vehicle(EvseHarness.Car(maxCurrentA: 16, phases: 1)));

        var meter = h.Evse.Meter;
        Assert.Equal(16, meter.CurrentL1A);
        Assert.Equal(0, meter.CurrentL2A);
        Assert.Equal(0, meter.CurrentL3A);
    }

    [Fact]
    public void Cars_pause_on_their_own_sometimes_and_resume_with_ChargingResumed()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { VehiclePausesPerHour = 30 });
        h.PlugInAndCharge(EvseHarness.Vehicle(EvseHarness.Car(energyNeededWh: 60_000, initialSoc: 0)));

        h.Advance(TimeSpan.FromHours(1));

        Assert.Contains(SessionEventKind.ChargingPausedEV, h.Kinds);
        Assert.Contains(SessionEventKind.ChargingResumed, h.Kinds);
    }

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        static IReadOnlyList<string> Run()
        {
            using var h = new EvseHarness(new EvseSimulationOptions { VehiclePausesPerHour = 10 }, seed: 7);
            h.PlugInAndCharge();
            h.Advance(TimeSpan.FromHours(2));
            h.Do((e, now) => { e.Depart(now); return true; });
            h.Advance(TimeSpan.FromMinutes(1));
            return [.. h.Events.Select(e => $"{e.Kind} {e.SessionUuid} {e.Timestamp:O} {e.Meter.EnergyImportMilliWh}")];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Invalid_options_are_refused_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => new EvseSimulation(new EvseSimulationOptions { MaxCurrentA = -1 }, new Random(1), EvseHarness.Start));
        Assert.Contains("max current", error.Message, StringComparison.Ordinal);
    }
}
