using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class PauseResumeTests
{
    [Fact]
    public void Pause_succeeds_only_while_charging()
    {
        using var h = new EvseHarness();
        Assert.False(h.Do((e, now) => e.PauseCharging(now)));

        h.Do((e, now) => e.PlugIn(EvseHarness.Vehicle(), now));
        Assert.False(h.Do((e, now) => e.PauseCharging(now)));

        h.Advance(TimeSpan.FromSeconds(10));
        Assert.True(h.Do((e, now) => e.PauseCharging(now)));
        Assert.Equal(EvseState.ChargingPausedEVSE, h.Evse.State);
        Assert.False(h.Do((e, now) => e.PauseCharging(now)));
    }

    [Fact]
    public void Pause_is_sticky_across_time_and_limit_changes()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        h.Do((e, now) => e.PauseCharging(now));

        h.Do((e, now) => { e.SetExternalLimits(new ExternalLimitSchedule([new(now, CurrentLimit.Of(3))]), now); return true; });
        h.Do((e, now) => { e.SetExternalLimits(new ExternalLimitSchedule([new(now, CurrentLimit.Of(32))]), now); return true; });
        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(EvseState.ChargingPausedEVSE, h.Evse.State);
        Assert.Equal(0, h.Evse.ActualCurrentA);
    }

    [Fact]
    public void Resume_reports_WaitingForEnergy_PrepareCharging_ChargingStarted_never_ChargingResumed()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        h.Do((e, now) => e.PauseCharging(now));
        h.ClearOutputs();

        Assert.True(h.Do((e, now) => e.ResumeCharging(now)));
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([SessionEventKind.WaitingForEnergy, SessionEventKind.PrepareCharging, SessionEventKind.ChargingStarted], h.Kinds);
        Assert.Equal(EvseState.Charging, h.Evse.State);
    }

    [Fact]
    public void Resume_fails_unless_paused_by_the_EVSE_with_a_transaction()
    {
        using var h = new EvseHarness();
        Assert.False(h.Do((e, now) => e.ResumeCharging(now)));

        h.PlugInAndCharge();
        Assert.False(h.Do((e, now) => e.ResumeCharging(now)));
    }

    [Fact]
    public void The_car_lags_behind_a_pause_and_the_ground_truth_records_the_exceedance()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { VehicleResponseDelay = TimeSpan.FromSeconds(3), VehiclePausesPerHour = 0 });
        h.PlugInAndCharge();
        var pausedAt = h.Now;

        h.Do((e, now) => e.PauseCharging(now));
        h.Advance(TimeSpan.FromSeconds(10));

        var exceedance = Assert.Single(h.Outputs.OfType<LimitExceeded>()).Exceedance;
        Assert.Equal(pausedAt, exceedance.Start);
        Assert.Equal(pausedAt + TimeSpan.FromSeconds(3), exceedance.End);
        Assert.Equal(0, exceedance.LimitA);
        Assert.Equal(32, exceedance.MaxActualA);
    }
}
