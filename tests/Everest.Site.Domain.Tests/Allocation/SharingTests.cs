using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

public sealed class SharingTests
{
    [Fact]
    public void Three_cars_on_a_32_A_site_share_it_equally()
    {
        var result = Run(new SiteModel(32), [Car("a"), Car("b"), Car("c")]);

        Assert.All(result.Evses, e => Assert.Equal(32.0 / 3, e.CurrentA, 9));
        Assert.All(result.Evses, e => Assert.Equal(AllocationReason.SharedLimit, e.Reason));
        Assert.Equal("grid L1", result.Of("a").LimitedBy);
    }

    [Fact]
    public void The_margin_is_kept_below_the_limit()
    {
        var result = Run(new SiteModel(32, safetyMarginA: 2), [Car("a"), Car("b")]);

        Assert.Equal(15, result.Of("a").CurrentA, 9);
        Assert.Equal(30, result.Load("grid L2"), 9);
    }

    [Fact]
    public void A_car_limited_by_itself_leaves_the_rest_to_the_others()
    {
        var result = Run(new SiteModel(40), [Car("slow", max: 10), Car("b"), Car("c")]);

        Assert.Equal(10, result.Of("slow").CurrentA, 9);
        Assert.Equal(AllocationReason.AtMaximum, result.Of("slow").Reason);
        Assert.Equal(15, result.Of("b").CurrentA, 9);
        Assert.Equal(15, result.Of("c").CurrentA, 9);
    }

    [Fact]
    public void The_car_s_own_maximum_caps_the_EVSE_s()
    {
        var car = Car("a") with { EvMaxCurrentA = 16 };

        Assert.Equal(16, Run(new SiteModel(63), [car]).Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_sub_board_limits_its_own_cars_and_the_grid_gives_the_rest_to_others()
    {
        var site = new SiteModel(63, [new Circuit("board-a", SiteModel.GridId, 20)]);
        var result = Run(site, [Car("a1", circuit: "board-a"), Car("a2", circuit: "board-a"), Car("g")]);

        Assert.Equal(10, result.Of("a1").CurrentA, 9);
        Assert.Equal(10, result.Of("a2").CurrentA, 9);
        Assert.Equal(32, result.Of("g").CurrentA, 9);
        Assert.Equal("board-a L1", result.Of("a1").LimitedBy);
    }

    [Fact]
    public void A_power_limit_caps_the_sum_over_phases()
    {
        // 11 kW over three phases at 230 V: 15.94 A per phase for one three-phase car.
        var site = new SiteModel(63, [new Circuit("wallbox", SiteModel.GridId, 32, MaxPowerW: 11_000)]);
        var result = Run(site, [Car("a", circuit: "wallbox")]);

        Assert.Equal(11_000 / (3 * 230.0), result.Of("a").CurrentA, 9);
        Assert.Equal("wallbox power", result.Of("a").LimitedBy);
    }

    [Fact]
    public void A_CSMS_station_cap_limits_the_EVSEs_of_that_station_only()
    {
        var evses = new[] { Car("s1") with { StationId = "cp-1" }, Car("s2") with { StationId = "cp-1" }, Car("other") with { StationId = "cp-2" } };
        var result = new SiteAllocator(Plain).Allocate(new SiteModel(100), evses, AllocationState.Empty, T0, [new StationCap("cp-1", 20)]);

        Assert.Equal(10, result.Of("s1").CurrentA, 9);
        Assert.Equal(10, result.Of("s2").CurrentA, 9);
        Assert.Equal(32, result.Of("other").CurrentA, 9);
    }

    [Fact]
    public void A_one_phase_car_on_L1_does_not_limit_a_three_phase_car_beyond_what_L1_requires()
    {
        // L1 carries both cars; L2 and L3 only the three-phase one. The 1-phase car is EV-limited to 10 A.
        var result = Run(new SiteModel(32), [Car("one", phases: 1, max: 10), Car("three")]);

        Assert.Equal(10, result.Of("one").CurrentA, 9);
        Assert.Equal(22, result.Of("three").CurrentA, 9);
        Assert.Equal(32, result.Load("grid L1"), 9);
        Assert.Equal(22, result.Load("grid L2"), 9);
    }

    [Fact]
    public void A_one_phase_car_loads_the_grid_phase_its_EVSE_s_rotation_puts_its_L1_on()
    {
        var onL2 = Car("one", phases: 1) with { Rotation = PhaseRotation.L2L3L1 };
        var onL3 = Car("other", phases: 1) with { Rotation = PhaseRotation.L3L1L2 };
        var result = Run(new SiteModel(32), [Car("l1", phases: 1), onL2, onL3]);

        // Each sits alone on its phase, so each gets its maximum; a site that put them all on L1 would give 10.7 A.
        Assert.All(result.Evses, e => Assert.Equal(32, e.CurrentA, 9));
        Assert.Equal(32, result.Load("grid L2"), 9);
        Assert.Equal(32, result.Load("grid L3"), 9);
    }

    [Fact]
    public void Unbalanced_phases_give_a_three_phase_car_what_its_fullest_phase_leaves()
    {
        var onL2 = Car("heavy-l2", phases: 1, max: 25) with { Rotation = PhaseRotation.L2L1L3 };
        var result = Run(new SiteModel(32), [onL2, Car("three")]);

        Assert.Equal(16, result.Of("heavy-l2").CurrentA, 9);
        Assert.Equal(16, result.Of("three").CurrentA, 9);
        Assert.Equal("grid L2", result.Of("three").LimitedBy);
    }

    [Fact]
    public void On_a_single_phase_site_every_car_loads_L1()
    {
        var result = Run(new SiteModel(32, gridPhases: 1), [Car("a"), Car("b", phases: 1) with { Rotation = PhaseRotation.L3L2L1 }]);

        Assert.Equal(16, result.Of("a").CurrentA, 9);
        Assert.Equal(1, result.Of("a").Phases);
        Assert.Equal(32, result.Load("grid L1"), 9);
        Assert.Equal(0, result.Load("grid L3"), 9);
    }

    [Fact]
    public void An_offline_EVSE_counts_at_its_last_draw_and_the_others_share_what_is_left()
    {
        var offline = new EvseDemand("gone", EvseDemandState.Offline) { LastDrawA = 16 };
        var result = Run(new SiteModel(32), [offline, Car("a")]);

        Assert.Equal(AllocationReason.Offline, result.Of("gone").Reason);
        Assert.Equal(16, result.Of("gone").CountedA, 9);
        Assert.False(result.Of("gone").Charging);
        Assert.Equal(16, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void An_offline_EVSE_counts_at_what_it_was_given_when_that_is_more_than_it_was_seen_drawing()
    {
        var first = Run(new SiteModel(32), [Car("x"), Car("a")]);
        var offline = new EvseDemand("x", EvseDemandState.Offline) { LastDrawA = 3 };
        var second = Run(new SiteModel(32), [offline, Car("a")], previous: first.State);

        Assert.Equal(16, second.Of("x").CountedA, 9);
        Assert.Equal(16, second.Of("a").CurrentA, 9);
    }

    [Fact]
    public void An_offline_EVSE_about_which_nothing_is_known_counts_at_its_maximum()
    {
        var result = Run(new SiteModel(40), [new EvseDemand("unknown", EvseDemandState.Offline) { MaxCurrentA = 16 }, Car("a")]);

        Assert.Equal(16, result.Of("unknown").CountedA, 9);
        Assert.Equal(24, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_meter_that_shows_more_than_the_allocation_counts_at_what_it_shows_and_is_not_raised()
    {
        var first = Run(new SiteModel(32), [Car("a"), Car("b")]);
        var disagreeing = Car("a") with { Measured = new PhaseCurrents(24, 24, 24) };
        var second = Run(new SiteModel(32), [disagreeing, Car("b")], previous: first.State);

        Assert.Equal(AllocationReason.MeterDisagrees, second.Of("a").Reason);
        Assert.Equal(24, second.Of("a").CountedA, 9);
        Assert.Equal(16, second.Of("a").CurrentA, 9);
        Assert.Equal(8, second.Of("b").CurrentA, 9);
    }

    [Fact]
    public void A_reservation_holds_headroom_for_its_EVSE()
    {
        var reserved = new EvseDemand("r", EvseDemandState.Idle) { ReservedHeadroomA = 6 };
        var result = Run(new SiteModel(32), [reserved, Car("a")]);

        Assert.Equal(AllocationReason.Reserved, result.Of("r").Reason);
        Assert.Equal(26, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void An_idle_EVSE_without_a_reservation_holds_nothing()
    {
        var result = Run(new SiteModel(32), [new EvseDemand("idle", EvseDemandState.Idle), Car("a")]);

        Assert.Equal(AllocationReason.Idle, result.Of("idle").Reason);
        Assert.Equal(32, result.Of("a").CurrentA, 9);
    }

    [Fact]
    public void A_schedule_drop_at_17_00_lowers_everyone()
    {
        var weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var site = new SiteModel(64, schedule: [new GridScheduleWindow(weekdays, new TimeOnly(17, 0), new TimeOnly(21, 0), 32)]);
        var evses = new[] { Car("a"), Car("b") };
        var monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

        var before = Run(site, evses, now: monday.AddHours(17).AddSeconds(-1));
        var after = Run(site, evses, previous: before.State, now: monday.AddHours(17));
        var sunday = Run(site, evses, now: monday.AddDays(-1).AddHours(18));

        Assert.All(before.Evses, e => Assert.Equal(32, e.CurrentA, 9));
        Assert.All(after.Evses, e => Assert.Equal(16, e.CurrentA, 9));
        Assert.All(sunday.Evses, e => Assert.Equal(32, e.CurrentA, 9));
    }

    [Fact]
    public void A_schedule_window_past_midnight_covers_the_morning_after()
    {
        var site = new SiteModel(64, schedule: [new GridScheduleWindow(new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(22, 0), new TimeOnly(6, 0), 20)]);

        Assert.Equal(20, site.GridMaxCurrentAt(new DateTimeOffset(2026, 3, 3, 5, 59, 0, TimeSpan.Zero)));
        Assert.Equal(64, site.GridMaxCurrentAt(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero)));
        Assert.Equal(20, site.GridMaxCurrentAt(new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(64, site.GridMaxCurrentAt(new DateTimeOffset(2026, 3, 2, 5, 0, 0, TimeSpan.Zero)));
    }
}
