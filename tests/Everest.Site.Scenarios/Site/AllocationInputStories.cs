using Akka.Actor;
using Everest.Site.Configuration;
using Everest.Site.Domain.Allocation;
using Everest.Site.Site;
using Everest.Site.Site.Events;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Site;

/// <summary>
/// What the allocation takes besides the EVSEs' states and meters: the CSMS's station cap, what the car says
/// about itself (its maximum; with ISO 15118 its departure and energy need), a priority set for a session, and
/// the time zone of the limit schedule. Told on the simulator with the production actors.
/// </summary>
public sealed class AllocationInputStories(ITestOutputHelper output) : SiteScenario(output)
{
    private const double Tolerance = 0.5;

    [Fact]
    public async Task The_CSMS_cap_for_the_whole_station_is_shared_by_its_EVSEs()
    {
        // Both EVSEs belong to charger cp-1, whose OCPP module publishes a 20 A cap for evse 0 every 5 s.
        var options = SiteOptions(2, gridA: 63, customize: o =>
        {
            o.Grid.UseCsmsSchedules = true;
            foreach (var evse in o.Chargers.SelectMany(c => c.Evses))
            {
                evse.OcppModuleId = "ocpp_api_cp1";
            }
        });
        await StartSiteAsync(options, simulator: s => s with { CsmsStationLimitA = 20, ChargingSchedulesInterval = TimeSpan.FromSeconds(5) });
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);

        var capped = await RunUntilAsync(
            s => s.StationCaps.Any(c => c is { StationId: "cp-1", MaxCurrentA: 20 }) && Evse(s, "cp-1-1").AppliedA is > 9.5 and <= 10 && Evse(s, "cp-1-2").AppliedA is > 9.5 and <= 10,
            TimeSpan.FromSeconds(60),
            "the two EVSEs share the station's 20 A");
        Assert.Contains(capped.Limits, l => l.Name.StartsWith("station cp-1", StringComparison.Ordinal));
        await RunUntilDrawingAsync("cp-1-2", 9.5, TimeSpan.FromSeconds(30));
        await RunForAsync(TimeSpan.FromSeconds(10));
        var drawn = await ActualAsync("cp-1-1") + await ActualAsync("cp-1-2");
        Assert.True(drawn <= 20 + Tolerance, $"the station draws {drawn:0.#} A per phase under a 20 A cap");
    }

    [Fact]
    public async Task The_CSMS_cap_for_one_EVSE_caps_that_EVSE_and_the_rest_goes_to_the_other()
    {
        // Charger cp-1's OCPP module publishes every 5 s: 63 A for the station, 10 A for its EVSE number 1 alone.
        await StartTwoCarsUnderACsmsCapOnTheFirstAsync(10);

        // Without the EVSE's cap the two would share the 40 A grid 20/20.
        var capped = await RunUntilAsync(
            s => Evse(s, "cp-1-1").CsmsCapA == 10 && Evse(s, "cp-1-1").AppliedA is > 9.5 and <= 10 && Evse(s, "cp-1-2").AppliedA >= 29.5 && s.Evses.All(e => e.Settled),
            TimeSpan.FromSeconds(60),
            "the first EVSE at the CSMS's 10 A, the second at the 30 A left");
        Assert.Equal(AllocationReason.AtMaximum, Evse(capped, "cp-1-1").Decision.Reason);
        Assert.Equal(32, Evse(capped, "cp-1-2").CsmsCapA);
        await RunUntilDrawingAsync("cp-1-2", 29.5, TimeSpan.FromSeconds(30));
        await RunForAsync(TimeSpan.FromSeconds(10));
        Assert.True(await ActualAsync("cp-1-1") <= 10 + Tolerance, "the capped EVSE draws no more than its 10 A");
        Assert.True(PeakPhaseA <= 40 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task The_CSMS_cap_for_one_EVSE_below_its_minimum_pauses_that_EVSE_and_the_rest_goes_to_the_other()
    {
        // Charger cp-1's OCPP module publishes every 5 s: 63 A for the station, 4 A for its EVSE number 1 (minimum 6 A).
        await StartTwoCarsUnderACsmsCapOnTheFirstAsync(4);

        var paused = await RunUntilAsync(
            s => Evse(s, "cp-1-1").CsmsCapA == 4 && !Evse(s, "cp-1-1").Decision.Charging && Evse(s, "cp-1-1").AppliedA == 0
                && Evse(s, "cp-1-2").AppliedA >= 31.5 && s.Evses.All(e => e.Settled),
            TimeSpan.FromSeconds(60),
            "the first EVSE paused under the CSMS's 4 A, the second at its 32 A");
        Assert.Equal(AllocationReason.CappedBelowMinimum, Evse(paused, "cp-1-1").Decision.Reason);
        await RunUntilDrawingAsync("cp-1-2", 31.5, TimeSpan.FromSeconds(30));
        await RunForAsync(TimeSpan.FromSeconds(10));
        Assert.True(await ActualAsync("cp-1-1") <= Tolerance, "the EVSE capped below its minimum draws nothing");
        Assert.True(PeakPhaseA <= 40 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task The_CSMS_cap_is_ignored_unless_the_site_is_told_to_obey_it()
    {
        var options = SiteOptions(2, gridA: 63, customize: o =>
        {
            foreach (var evse in o.Chargers.SelectMany(c => c.Evses))
            {
                evse.OcppModuleId = "ocpp_api_cp1";
            }
        });
        await StartSiteAsync(options, simulator: s => s with { CsmsStationLimitA = 20, ChargingSchedulesInterval = TimeSpan.FromSeconds(5) });
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);

        var status = await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA >= 31 && Evse(s, "cp-1-2").AppliedA >= 31, TimeSpan.FromSeconds(60), "both cars at their maximum");
        Assert.Empty(status.StationCaps);
    }

    [Fact]
    public async Task The_car_s_own_maximum_from_ev_info_caps_it_at_once_and_the_rest_goes_to_the_other_car()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1", maxCurrentA: 10);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);

        // Well before the ramp-up time after which the meter alone would show that the first car takes only 10 A.
        var status = await RunUntilAsync(
            s => Evse(s, "cp-1-1").AppliedA is > 9.9 and <= 10 && Evse(s, "cp-1-2").AppliedA >= 21.9,
            TimeSpan.FromSeconds(15),
            "the first car is given its own 10 A, the second the remaining 22 A");
        Assert.Equal(AllocationReason.AtMaximum, Evse(status, "cp-1-1").Decision.Reason);
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task An_ISO_15118_car_that_must_leave_within_the_hour_gets_the_current_its_energy_needs()
    {
        // 13.8 kWh in one hour on three phases at 230 V is 20 A; a fair share would give each car 16 A.
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1", maxCurrentA: 32, stay: TimeSpan.FromHours(1), energyWh: 13_800, announcesDeparture: true);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);

        var status = await RunUntilAsync(
            s => Evse(s, "cp-1-1").AppliedA >= 19.5 && Evse(s, "cp-1-2").AppliedA is > 0 and <= 12.5,
            TimeSpan.FromSeconds(60),
            "the car that leaves soon gets the 20 A it needs, the other the rest");
        Output?.WriteLine(Describe(status));
        await RunUntilDrawingAsync("cp-1-1", 19.5, TimeSpan.FromSeconds(30));
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task A_priority_set_for_a_session_wins_until_its_car_leaves()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        var refused = await Site.Ask<object>(new SetSessionPriority("cp-1-2", 5), TimeSpan.FromSeconds(5));
        Assert.IsType<SessionPriorityRefused>(refused);
        Assert.IsType<SessionPriorityRefused>(await Site.Ask<object>(new SetSessionPriority("cp-9-9", 5), TimeSpan.FromSeconds(5)));

        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 20, stay: TimeSpan.FromMinutes(3));
        await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA >= 15.9 && Evse(s, "cp-1-2").AppliedA >= 15.9, TimeSpan.FromSeconds(60), "the two cars share 16/16");

        var answer = await Site.Ask<object>(new SetSessionPriority("cp-1-2", 5), TimeSpan.FromSeconds(5));
        Assert.Equal(new SessionPrioritySet("cp-1-2", 5), answer);
        var preferred = await RunUntilAsync(
            s => Evse(s, "cp-1-2").AppliedA >= 19.9 && Evse(s, "cp-1-1").AppliedA is > 0 and <= 12.1 && s.Evses.All(e => e.Settled),
            TimeSpan.FromSeconds(30),
            "the preferred car at its 20 A, the other at the 12 A left");
        Assert.Equal(5, Evse(preferred, "cp-1-2").SessionPriority);
        Assert.Contains(await SiteEventsAsync(), e => e is SessionPriorityChanged { EvseId: "cp-1-2", Priority: 5, SessionStartedAt: not null });

        // A controller that restarts while the car is there serves it as it was told.
        await RestartSiteAsync();
        var recovered = await RunUntilAsync(s => Evse(s, "cp-1-2").SessionPriority == 5 && Evse(s, "cp-1-2").AppliedA >= 19.9, TimeSpan.FromSeconds(30), "the priority is back after the restart");
        Assert.True(Evse(recovered, "cp-1-1").AppliedA <= 12.1, Describe(recovered));

        var after = await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA >= 31.9, TimeSpan.FromMinutes(4), "the other car has the whole site once the preferred car left");
        Assert.Null(Evse(after, "cp-1-2").SessionPriority);
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task An_operator_s_departure_and_energy_need_get_a_car_that_says_neither_the_current_it_needs()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        Assert.IsType<SessionGoalRefused>(await Site.Ask<object>(new SetSessionGoal("cp-1-1", Time.GetUtcNow().AddHours(1), 13_800), TimeSpan.FromSeconds(5)));

        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);
        await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA >= 15.9 && Evse(s, "cp-1-2").AppliedA >= 15.9, TimeSpan.FromSeconds(60), "the two cars share 16/16");
        Assert.IsType<SessionGoalRefused>(await Site.Ask<object>(new SetSessionGoal("cp-1-1", Time.GetUtcNow().AddMinutes(-1), 13_800), TimeSpan.FromSeconds(5)));
        Assert.IsType<SessionGoalRefused>(await Site.Ask<object>(new SetSessionGoal("cp-1-1", null, double.NaN), TimeSpan.FromSeconds(5)));

        // 13.8 kWh in one hour on three phases at 230 V is 20 A; the car itself says nothing over ISO 15118.
        var departure = Time.GetUtcNow().AddHours(1);
        var answer = await Site.Ask<object>(new SetSessionGoal("cp-1-1", departure, 13_800), TimeSpan.FromSeconds(5));
        Assert.Equal(new SessionGoalSet("cp-1-1", departure, 13_800), answer);
        var served = await RunUntilAsync(
            s => Evse(s, "cp-1-1").AppliedA >= 19.5 && Evse(s, "cp-1-2").AppliedA is > 0 and <= 12.5 && s.Evses.All(e => e.Settled),
            TimeSpan.FromSeconds(60),
            "the car with a departure gets the 20 A it needs, the other the rest");
        Assert.True(Evse(served, "cp-1-1").GoalSetByOperator);
        Assert.Equal(departure, Evse(served, "cp-1-1").DepartureAt);
        Assert.Contains(await SiteEventsAsync(), e => e is SessionGoalChanged { EvseId: "cp-1-1", EnergyNeededWh: 13_800, SessionStartedAt: not null, ImportedWhAtSet: not null });

        // What the car takes counts against the need; a controller that restarts keeps both.
        var counting = await RunUntilAsync(s => Evse(s, "cp-1-1").EnergyNeededWh is < 13_000, TimeSpan.FromMinutes(5), "the need counting down with the meter");
        await RestartSiteAsync();
        var recovered = await RunUntilAsync(
            s => Evse(s, "cp-1-1").GoalSetByOperator && Evse(s, "cp-1-1").AppliedA >= 19.5 && Evse(s, "cp-1-1").EnergyNeededWh <= Evse(counting, "cp-1-1").EnergyNeededWh,
            TimeSpan.FromSeconds(30),
            "the goal is back after the restart, less what the car took");
        Assert.True(Evse(recovered, "cp-1-2").AppliedA <= 12.5, Describe(recovered));

        // Null gives the session back to what the car says: nothing, so the two share again.
        Assert.Equal(new SessionGoalSet("cp-1-1", null, null), await Site.Ask<object>(new SetSessionGoal("cp-1-1", null, null), TimeSpan.FromSeconds(5)));
        var shared = await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA is > 15.5 and < 16.5 && Evse(s, "cp-1-2").AppliedA is > 15.5 and < 16.5, TimeSpan.FromSeconds(60), "the two cars share 16/16 again");
        Assert.False(Evse(shared, "cp-1-1").GoalSetByOperator);
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task The_limit_schedule_is_read_in_the_configured_time_zone()
    {
        // The story starts at 08:00 UTC, 09:00 in Berlin (UTC+1 in March): the window opens a minute later there,
        // an hour later in UTC.
        var options = SiteOptions(2, gridA: 32, customize: o =>
        {
            o.Grid.TimeZone = "Europe/Berlin";
            o.Grid.Schedule.Add(new GridScheduleEntryOptions
            {
                Days = [Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri, Weekday.Sat, Weekday.Sun],
                From = new TimeOnly(9, 1),
                To = new TimeOnly(12, 0),
                MaxCurrentA = 16,
            });
        });
        await StartSiteAsync(options);
        Assert.Equal(32, (await StepAsync()).GridLimitA);
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);

        var dropped = await RunUntilAsync(
            s => s.GridLimitA == 16 && Evse(s, "cp-1-1").AppliedA <= 8 && Evse(s, "cp-1-2").AppliedA <= 8,
            TimeSpan.FromMinutes(2),
            "the 16 A window of 09:01 Berlin time lowers both cars to 8 A");
        Assert.True(dropped.At - Support.SiteTestClock.Start >= TimeSpan.FromMinutes(1), $"the window opened at {dropped.At:T} UTC");
    }

    /// <summary>
    /// Two cars (up to 32 A) on charger cp-1 behind a 40 A grid, with its OCPP module publishing every 5 s a 63 A cap
    /// for the station and <paramref name="firstEvseCapA"/> for its EVSE number 1 alone.
    /// </summary>
    private async Task StartTwoCarsUnderACsmsCapOnTheFirstAsync(double firstEvseCapA)
    {
        var options = SiteOptions(2, gridA: 40, customize: o =>
        {
            o.Grid.UseCsmsSchedules = true;
            foreach (var evse in o.Chargers.SelectMany(c => c.Evses))
            {
                evse.OcppModuleId = "ocpp_api_cp1";
            }
        });
        await StartSiteAsync(options, simulator: s => s with
        {
            CsmsStationLimitA = 63,
            CsmsEvseLimitsA = new Dictionary<int, double> { [1] = firstEvseCapA },
            ChargingSchedulesInterval = TimeSpan.FromSeconds(5),
        });
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);
    }
}
