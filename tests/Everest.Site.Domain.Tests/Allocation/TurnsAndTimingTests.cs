using Everest.Site.Domain.Allocation;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

public sealed class TurnsAndTimingTests
{
    private static readonly AllocationPolicy Policy = new()
    {
        MinPause = TimeSpan.FromMinutes(2),
        MinCharge = TimeSpan.FromMinutes(2),
        Rotation = TimeSpan.FromMinutes(15),
        ResumeHysteresisA = 1,
    };

    [Fact]
    public void Three_cars_on_a_13_A_site_two_charge_and_the_third_waits_paused()
    {
        var result = Run(new SiteModel(13), [Car("a"), Car("b"), Car("c")], Policy);

        Assert.True(result.Of("a").Charging);
        Assert.True(result.Of("b").Charging);
        Assert.False(result.Of("c").Charging);
        Assert.Equal(AllocationReason.NoCapacity, result.Of("c").Reason);
        Assert.Equal("grid L1", result.Of("c").LimitedBy);
        Assert.Equal(6.5, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void The_third_car_is_resumed_when_the_first_leaves()
    {
        var site = new SiteModel(13);
        var first = Run(site, [Car("a"), Car("b"), Car("c")], Policy);
        var gone = new EvseDemand("a", EvseDemandState.Idle);
        var second = Run(site, [gone, Car("b"), Car("c")], Policy, first.State, T0.AddMinutes(3));

        Assert.True(second.Of("c").Charging);
        Assert.Equal(6.5, second.Of("c").CurrentA, 9);
    }

    [Fact]
    public void Cars_that_cannot_all_have_their_minimum_take_turns_of_the_rotation_period()
    {
        var site = new SiteModel(13);
        var evses = new[] { Car("a"), Car("b"), Car("c") };
        var state = AllocationState.Empty;
        var charging = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        var waiting = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        var longestWait = 0;
        for (var minute = 0; minute < 120; minute++)
        {
            var result = Run(site, evses, Policy, state, T0.AddMinutes(minute));
            state = result.State;
            Assert.Equal(2, result.Evses.Count(e => e.Charging));
            if (minute == 15)
            {
                // a and b had the first turn; c, who waited, goes in; a (first in line) keeps the other place
                // until b's minimum pause is over, so that no place stands empty.
                Assert.True(result.Of("c").Charging);
                Assert.Equal(AllocationReason.TurnOver, result.Of("b").Reason);
            }

            foreach (var e in result.Evses)
            {
                charging[e.EvseId] += e.Charging ? 1 : 0;
                waiting[e.EvseId] = e.Charging ? 0 : waiting[e.EvseId] + 1;
                longestWait = Math.Max(longestWait, waiting[e.EvseId]);
            }
        }

        Assert.True(longestWait <= 15, $"longest wait {longestWait} min");
        Assert.All(charging.Values, minutes => Assert.InRange(minutes, 70, 90)); // two places shared by three: 80 each
    }

    [Fact]
    public void A_paused_EVSE_is_not_resumed_before_its_minimum_pause_time_even_when_room_appears()
    {
        var site = new SiteModel(13);
        var first = Run(site, [Car("a"), Car("b"), Car("c")], Policy);
        var gone = new EvseDemand("a", EvseDemandState.Idle);
        var paused = first.State;

        // c has never been admitted, so it has no pause to sit out; b and c share at once.
        var immediately = Run(site, [gone, Car("b"), Car("c")], Policy, paused, T0.AddSeconds(10));
        Assert.True(immediately.Of("c").Charging);

        // Now pause b by a limit drop and bring the room back 30 s later: b waits out its 2 minutes.
        var dropped = Run(new SiteModel(7), [gone, Car("b"), Car("c")], Policy, immediately.State, T0.AddMinutes(5));
        var pausedOne = dropped.Evses.Single(e => e.EvseId != "a" && !e.Charging).EvseId;
        var back = Run(site, [gone, Car("b"), Car("c")], Policy, dropped.State, T0.AddMinutes(5).AddSeconds(30));
        Assert.Equal(AllocationReason.MinimumPause, back.Of(pausedOne).Reason);
        var later = Run(site, [gone, Car("b"), Car("c")], Policy, back.State, T0.AddMinutes(7));
        Assert.True(later.Of(pausedOne).Charging);
    }

    [Fact]
    public void A_waiting_car_resumes_only_when_its_minimum_plus_the_hysteresis_fits()
    {
        var site = new SiteModel(12.5);
        var first = Run(site, [Car("a"), Car("b")], Policy);
        Assert.True(first.Of("a").Charging);
        Assert.False(first.Of("b").Charging); // 6 + 6 + 1 A hysteresis does not fit in 12.5

        var wider = Run(new SiteModel(13), [Car("a"), Car("b")], Policy, first.State, T0.AddMinutes(1));
        Assert.True(wider.Of("b").Charging);
    }

    [Fact]
    public void A_charging_car_stays_admitted_at_its_minimum_without_the_hysteresis()
    {
        var site = new SiteModel(13);
        var first = Run(site, [Car("a"), Car("b")], Policy);
        var tighter = Run(new SiteModel(12.5), [Car("a"), Car("b")], Policy, first.State, T0.AddMinutes(1));

        Assert.True(tighter.Of("a").Charging);
        Assert.True(tighter.Of("b").Charging);
        Assert.Equal(6.25, tighter.Of("b").CurrentA, 9);
    }

    [Fact]
    public void A_car_within_its_minimum_charge_time_keeps_its_place_against_a_higher_priority_newcomer()
    {
        var site = new SiteModel(13);
        var first = Run(site, [Car("a"), Car("b")], Policy);
        var vip = Car("vip") with { Priority = 5 };
        var during = Run(site, [Car("a"), Car("b"), vip], Policy, first.State, T0.AddMinutes(1));
        Assert.False(during.Of("vip").Charging);

        var after = Run(site, [Car("a"), Car("b"), vip], Policy, during.State, T0.AddMinutes(2));
        Assert.True(after.Of("vip").Charging);
    }

    [Fact]
    public void The_minimum_charge_time_yields_when_the_limits_themselves_fall()
    {
        var first = Run(new SiteModel(13), [Car("a"), Car("b")], Policy);
        var dropped = Run(new SiteModel(7), [Car("a"), Car("b")], Policy, first.State, T0.AddSeconds(5));

        Assert.Equal(1, dropped.Evses.Count(e => e.Charging));
    }

    [Fact]
    public void A_car_that_has_had_its_turn_is_paused_for_one_that_waits_and_says_so()
    {
        var site = new SiteModel(7);
        var first = Run(site, [Car("a"), Car("b")], Policy);
        var turn = Run(site, [Car("a"), Car("b")], Policy, first.State, T0.AddMinutes(15));

        Assert.Equal(AllocationReason.TurnOver, turn.Of("a").Reason);
        Assert.True(turn.Of("b").Charging);
    }

    [Fact]
    public void A_car_plugged_in_right_after_the_previous_one_stopped_waits_out_the_minimum_pause()
    {
        var site = new SiteModel(32);
        var first = Run(site, [Car("a")], Policy);
        var gone = Run(site, [new EvseDemand("a", EvseDemandState.Idle)], Policy, first.State, T0.AddMinutes(30));
        var next = Run(site, [Car("a")], Policy, gone.State, T0.AddMinutes(31));
        var later = Run(site, [Car("a")], Policy, next.State, T0.AddMinutes(32));

        Assert.Equal(AllocationReason.MinimumPause, next.Of("a").Reason);
        Assert.True(later.Of("a").Charging);
    }

    [Fact]
    public void Every_reason_explains_itself()
    {
        foreach (var reason in Enum.GetValues<AllocationReason>())
        {
            var text = new EvseAllocation("e", false, 0, 3, 6, reason, null).Explanation;
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.NotEqual(reason.ToString(), text);
        }
    }
}
