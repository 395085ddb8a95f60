using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

public sealed class PriorityAndGoalTests
{
    [Fact]
    public void A_higher_priority_car_is_served_to_its_maximum_first()
    {
        var result = Run(new SiteModel(40), [Car("normal"), Car("fleet", max: 32) with { Priority = 1 }]);

        Assert.Equal(32, result.Of("fleet").CurrentA, 9);
        Assert.Equal(8, result.Of("normal").CurrentA, 9);
    }

    [Fact]
    public void A_lower_priority_car_is_paused_before_a_higher_one_loses_current()
    {
        var result = Run(new SiteModel(36), [Car("normal"), Car("fleet") with { Priority = 1 }]);

        Assert.Equal(32, result.Of("fleet").CurrentA, 9);
        Assert.False(result.Of("normal").Charging);
    }

    [Fact]
    public void A_car_with_a_goal_gets_the_rate_it_needs_and_the_rest_is_shared_fairly()
    {
        // 3 h left, 16.56 kWh needed on three phases at 230 V: 8 A steady.
        var goal = new ChargingGoal(T0.AddHours(3), 3 * 230 * 8 * 3);
        var result = Run(new SiteModel(24), [Car("goal") with { Goal = goal }, Car("a"), Car("b")]);

        Assert.Equal(8, result.Of("goal").CurrentA, 9);
        Assert.Equal(8, result.Of("a").CurrentA, 9);

        var tighter = Run(new SiteModel(20), [Car("goal") with { Goal = goal }, Car("a"), Car("b")]);
        Assert.Equal(8, tighter.Of("goal").CurrentA, 9);
        Assert.Equal(6, tighter.Of("a").CurrentA, 9);
    }

    [Fact]
    public void Among_cars_with_goals_the_least_laxity_is_served_first()
    {
        // Both need 18 A steady; only one can have it on a 30 A site (each also needs its 6 A minimum).
        var soon = new ChargingGoal(T0.AddHours(1), 3 * 230 * 18 * 1);
        var later = new ChargingGoal(T0.AddHours(2), 3 * 230 * 18 * 2);
        var result = Run(new SiteModel(30), [Car("later") with { Goal = later }, Car("soon") with { Goal = soon }]);

        Assert.Equal(18, result.Of("soon").CurrentA, 9);
        Assert.Equal(12, result.Of("later").CurrentA, 9);
    }

    [Fact]
    public void A_car_that_can_no_longer_make_its_goal_does_not_sink_one_that_still_can()
    {
        // "hopeless" needs 40 A for 2 h but takes at most 32 A: it is left to the fair share of what remains.
        var hopeless = new ChargingGoal(T0.AddHours(2), 3 * 230 * 40 * 2);
        var feasible = new ChargingGoal(T0.AddHours(2), 3 * 230 * 20 * 2);
        var evses = new[] { Car("hopeless") with { Goal = hopeless }, Car("feasible") with { Goal = feasible } };

        var shared = Run(new SiteModel(30), evses);
        Assert.Equal(20, shared.Of("feasible").CurrentA, 9);
        Assert.Equal(10, shared.Of("hopeless").CurrentA, 9);

        // Least laxity first greedy serves the most urgent to its maximum, even when it cannot make it.
        var greedy = Run(new SiteModel(30), evses, Plain with { GoalFill = GoalFill.LeastLaxityFirst });
        Assert.Equal(24, greedy.Of("hopeless").CurrentA, 9);
        Assert.Equal(6, greedy.Of("feasible").CurrentA, 9);
    }

    [Fact]
    public void A_car_is_given_no_more_than_it_can_take_before_its_energy_goal_is_reached()
    {
        var policy = Plain with { Period = TimeSpan.FromMinutes(5) };
        var almostFull = new ChargingGoal(T0.AddHours(5), 3 * 230 * 10 / 12.0); // 10 A for 5 minutes
        var result = Run(new SiteModel(63), [Car("a") with { Goal = almostFull }], policy);

        Assert.Equal(10, result.Of("a").CurrentA, 9);
        Assert.Equal(AllocationReason.GoalReached, result.Of("a").Reason);
    }

    [Fact]
    public void A_car_that_draws_less_is_held_a_little_above_its_draw_and_the_rest_is_lent()
    {
        var site = new SiteModel(32);
        var first = Run(site, [Car("a"), Car("b")]);
        var drawsLittle = Car("a") with { Measured = new PhaseCurrents(5, 5, 5) };
        var later = Run(site, [drawsLittle, Car("b")], previous: first.State, now: T0.AddMinutes(1));

        Assert.Equal(7, later.Of("a").CurrentA, 9); // 5 A drawn + 2 A ramp headroom
        Assert.Equal(AllocationReason.FollowingDraw, later.Of("a").Reason);
        Assert.Equal(25, later.Of("b").CurrentA, 9);
    }

    [Fact]
    public void A_car_that_uses_its_allocation_gets_its_share_back()
    {
        var site = new SiteModel(32);
        var first = Run(site, [Car("a"), Car("b")]);
        var lent = Run(site, [Car("a") with { Measured = new PhaseCurrents(5, 5, 5) }, Car("b")], previous: first.State, now: T0.AddMinutes(1));
        var rising = Run(site, [Car("a") with { Measured = new PhaseCurrents(6.8, 6.8, 6.8) }, Car("b")], previous: lent.State, now: T0.AddMinutes(1).AddSeconds(1));

        Assert.Equal(16, rising.Of("a").CurrentA, 9);
        Assert.Equal(16, rising.Of("b").CurrentA, 9);
    }

    [Fact]
    public void A_car_that_has_just_started_is_not_held_to_its_draw_while_it_ramps_up()
    {
        var site = new SiteModel(32);
        var first = Run(site, [Car("a"), Car("b")]);
        var ramping = Run(site, [Car("a") with { Measured = PhaseCurrents.Zero }, Car("b")], previous: first.State, now: T0.AddSeconds(5));

        Assert.Equal(16, ramping.Of("a").CurrentA, 9);
    }
}
