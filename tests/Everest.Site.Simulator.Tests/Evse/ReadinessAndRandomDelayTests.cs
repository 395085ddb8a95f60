using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class ReadinessAndRandomDelayTests
{
    [Fact]
    public void An_EVSE_waiting_for_external_ready_does_not_charge_until_the_controller_says_so()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { WaitForExternalReady = true, VehiclePausesPerHour = 0 });
        Assert.Equal(new ReadinessChanged(Ready: false, WaitingForExternalReady: true), h.Outputs.OfType<ReadinessChanged>().Single());
        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));
        h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EvseState.WaitingForEnergy, h.Evse.State);

        Assert.True(h.Do((e, now) => e.ExternalReadyToStartCharging(now)));
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(EvseState.Charging, h.Evse.State);
        Assert.False(h.Do((e, now) => e.ExternalReadyToStartCharging(now)));
    }

    [Fact]
    public void External_ready_is_not_used_by_an_EVSE_that_does_not_wait_for_it()
    {
        using var h = new EvseHarness();

        Assert.False(h.Do((e, now) => e.ExternalReadyToStartCharging(now)));
    }

    [Fact]
    public void A_random_delay_holds_a_new_transaction_back_and_counts_down_until_it_ends()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.SetRandomDelayMaxDuration(120, now));
        h.Do((e, now) => { e.EnableRandomDelay(now); return true; });

        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(EvseState.WaitingForEnergy, h.Evse.State);
        var countdowns = h.Outputs.OfType<RandomDelayChanged>().Select(r => r.Status.CountdownS).ToList();
        Assert.Contains(countdowns, c => c > 0);

        h.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(EvseState.Charging, h.Evse.State);
        Assert.Equal(0, h.Outputs.OfType<RandomDelayChanged>().Last().Status.CountdownS);
    }

    [Fact]
    public void Cancelling_the_random_delay_lets_charging_start_at_once()
    {
        using var h = new EvseHarness();
        h.Do((e, now) => e.SetRandomDelayMaxDuration(3600, now));
        h.Do((e, now) => { e.EnableRandomDelay(now); return true; });
        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));
        h.Advance(TimeSpan.FromSeconds(4));

        h.Do((e, now) => { e.CancelRandomDelay(now); return true; });
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(EvseState.Charging, h.Evse.State);
    }

    [Fact]
    public void A_DC_charger_measures_isolation_before_charging()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { IsDc = true, PrepareChargingDuration = TimeSpan.FromSeconds(10), VehiclePausesPerHour = 0 });

        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));
        h.Advance(TimeSpan.FromSeconds(20));

        Assert.InRange(Assert.Single(h.Outputs.OfType<IsolationMeasured>()).ResistanceOhm, 1_000_000, 10_000_000);
        Assert.Equal(EvseState.Charging, h.Evse.State);
    }
}
