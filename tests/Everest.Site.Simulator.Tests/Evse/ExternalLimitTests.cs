using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class ExternalLimitTests
{
    private static ExternalLimitSchedule Schedule(params (DateTimeOffset Start, double Amperes)[] entries) =>
        new(entries.Select(e => new ExternalLimitEntry(e.Start, CurrentLimit.Of(e.Amperes))));

    [Fact]
    public void The_car_follows_the_external_limit()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();

        h.Do((e, now) => { e.SetExternalLimits(Schedule((now, 10)), now); return true; });
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(10, h.Evse.OfferedCurrentA);
        Assert.Equal(10, h.Evse.ActualCurrentA);
    }

    [Fact]
    public void A_limit_below_6_A_gives_WaitingForEnergy_and_charging_resumes_by_itself_when_it_rises()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        h.ClearOutputs();

        h.Do((e, now) => { e.SetExternalLimits(Schedule((now, 5.9)), now); return true; });
        h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(EvseState.WaitingForEnergy, h.Evse.State);
        Assert.Equal(0, h.Evse.ActualCurrentA);

        h.Do((e, now) => { e.SetExternalLimits(Schedule((now, 16)), now); return true; });
        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([SessionEventKind.WaitingForEnergy, SessionEventKind.PrepareCharging, SessionEventKind.ChargingStarted], h.Kinds);
        Assert.Equal(16, h.Evse.ActualCurrentA);
    }

    [Fact]
    public void The_last_entry_of_a_schedule_stays_in_force_forever()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        var now = h.Now;

        h.Do((e, t) => { e.SetExternalLimits(Schedule((now, 32), (now.AddSeconds(10), 8)), t); return true; });
        h.Advance(TimeSpan.FromHours(3));

        Assert.Equal(8, h.Evse.OfferedCurrentA);
    }

    [Fact]
    public void The_first_entry_applies_at_once_even_when_its_timestamp_is_in_the_future()
    {
        var start = EvseHarness.Start;
        var schedule = Schedule((start.AddMinutes(5), 10), (start.AddMinutes(10), 20));

        Assert.Equal(10, schedule.LimitAt(start).Amperes);
        Assert.Equal(10, schedule.LimitAt(start.AddMinutes(7)).Amperes);
        Assert.Equal(20, schedule.LimitAt(start.AddDays(30)).Amperes);
    }

    [Fact]
    public void A_new_schedule_replaces_the_previous_one()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();
        var now = h.Now;
        h.Do((e, t) => { e.SetExternalLimits(Schedule((now, 10), (now.AddMinutes(1), 6)), t); return true; });

        h.Do((e, t) => { e.SetExternalLimits(Schedule((now, 20)), t); return true; });
        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(20, h.Evse.OfferedCurrentA);
    }

    [Fact]
    public void The_offered_current_never_exceeds_the_hardware()
    {
        using var h = new EvseHarness(new EvseSimulationOptions { MaxCurrentA = 16 });
        h.PlugInAndCharge();

        h.Do((e, now) => { e.SetExternalLimits(Schedule((now, 63)), now); return true; });

        Assert.Equal(16, h.Evse.OfferedCurrentA);
    }

    [Fact]
    public void No_limit_is_modelled_explicitly()
    {
        Assert.Null(ExternalLimitSchedule.Unlimited.LimitAt(EvseHarness.Start).Amperes);
        Assert.Equal(7, CurrentLimit.None.Min(CurrentLimit.Of(7)).Amperes);
        Assert.Equal(12.5, CurrentLimit.None.ApplyTo(12.5));
    }
}
