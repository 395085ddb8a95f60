using Everest.Site.Domain.Allocation;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>CSMS charging schedules below an EVSE's minimum current pause it instead of allocating below the minimum.</summary>
public sealed class CsmsCapTests
{
    [Fact]
    public void A_cap_on_one_EVSE_below_its_minimum_pauses_it_and_its_room_goes_to_the_others()
    {
        // ocpp_consumer charging_schedules with evse: 1 at 4 A: the site lowers that EVSE's maximum to the cap.
        var result = Run(new SiteModel(32), [Car("capped") with { MaxCurrentA = 4 }, Car("b")]);

        var capped = result.Of("capped");
        Assert.False(capped.Charging);
        Assert.Equal(0, capped.CurrentA);
        Assert.Equal(0, capped.CountedA);
        Assert.Equal(AllocationReason.CappedBelowMinimum, capped.Reason);
        Assert.Equal(32, result.Of("b").CurrentA, 9);
    }

    [Fact]
    public void A_charging_EVSE_capped_below_its_minimum_is_paused_and_its_minimum_pause_starts()
    {
        var policy = Plain with { MinPause = TimeSpan.FromMinutes(2) };
        var before = Run(new SiteModel(32), [Car("a")], policy);
        Assert.True(before.Of("a").Charging);

        var capped = Run(new SiteModel(32), [Car("a") with { MaxCurrentA = 5 }], policy, before.State, T0.AddSeconds(10));
        Assert.False(capped.Of("a").Charging);
        Assert.Equal(AllocationReason.CappedBelowMinimum, capped.Of("a").Reason);

        // The cap is lifted a minute later: the pause that began with the cap still holds it.
        var lifted = Run(new SiteModel(32), [Car("a")], policy, capped.State, T0.AddSeconds(70));
        Assert.False(lifted.Of("a").Charging);
        Assert.Equal(AllocationReason.MinimumPause, lifted.Of("a").Reason);

        var later = Run(new SiteModel(32), [Car("a")], policy, lifted.State, T0.AddSeconds(131));
        Assert.True(later.Of("a").Charging);
        Assert.Equal(32, later.Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_cap_at_exactly_the_minimum_charges_at_the_minimum()
    {
        var result = Run(new SiteModel(32), [Car("a") with { MaxCurrentA = 6 }]);

        Assert.True(result.Of("a").Charging);
        Assert.Equal(6, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_cap_below_the_car_s_own_minimum_pauses_it_too()
    {
        var result = Run(new SiteModel(32), [Car("a", min: 0) with { MaxCurrentA = 8, EvMinCurrentA = 10 }]);

        Assert.False(result.Of("a").Charging);
        Assert.Equal(AllocationReason.CappedBelowMinimum, result.Of("a").Reason);
    }

    [Fact]
    public void A_car_whose_own_maximum_is_below_the_EVSE_s_minimum_still_charges()
    {
        // Not a cap on the EVSE: the car takes less than the EVSE offers, which it may.
        var result = Run(new SiteModel(32), [Car("a") with { EvMaxCurrentA = 5 }]);

        Assert.True(result.Of("a").Charging);
        Assert.Equal(5, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_station_cap_below_the_minimum_pauses_the_station_s_EVSEs_on_its_limit()
    {
        // ocpp_consumer charging_schedules with evse: 0 at 4 A caps the whole station.
        var onStation = Car("s1-a") with { StationId = "s1" };
        var result = new SiteAllocator(Plain).Allocate(
            new SiteModel(32), [onStation, Car("other")], AllocationState.Empty, T0, [new StationCap("s1", 4)]);

        var paused = result.Of("s1-a");
        Assert.False(paused.Charging);
        Assert.Equal(0, paused.CurrentA);
        Assert.Equal(AllocationReason.NoCapacity, paused.Reason);
        Assert.Equal("station s1 L1", paused.LimitedBy);
        Assert.Equal(32, result.Of("other").CurrentA, 9);
    }
}
