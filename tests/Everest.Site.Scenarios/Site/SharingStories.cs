using Everest.Site.Configuration;
using Everest.Site.Site.Events;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Site;

/// <summary>How the site shares its connection among the cars, told on the simulator with the production actors.</summary>
public sealed class SharingStories(ITestOutputHelper output) : SiteScenario(output)
{
    private const double Tolerance = 0.5;

    [Fact]
    public async Task Three_EVs_on_a_32_A_site_the_third_is_paused_and_resumed_when_the_first_leaves()
    {
        // 12 A minimum: two cars fit (2 × 16 A), three minimums (36 A) do not.
        await StartSiteAsync(SiteOptions(3, gridA: 32), h => h with { MinCurrentA = 12 });
        await ArriveAsync("cp-1-1", maxCurrentA: 16, stay: TimeSpan.FromMinutes(5));
        await ArriveAsync("cp-1-2", maxCurrentA: 16);
        await RunUntilAsync(s => Evse(s, "cp-1-1").Decision.Charging && Evse(s, "cp-1-2").Decision.Charging, TimeSpan.FromSeconds(30), "the first two cars charge");

        await ArriveAsync("cp-2-1", maxCurrentA: 16);
        await RunForAsync(TimeSpan.FromSeconds(60), s => !Evse(s, "cp-2-1").Decision.Charging, "the third car waits while the first two charge");
        Assert.Equal(0, await ActualAsync("cp-2-1"));
        Assert.True(await ActualAsync("cp-1-1") > 15);

        var resumed = await RunUntilAsync(s => Evse(s, "cp-2-1").Decision.Charging && Evse(s, "cp-2-1").AppliedA >= 12, TimeSpan.FromMinutes(5), "the third car charges once the first left");
        Assert.False(Evse(resumed, "cp-1-1").Decision.Charging);
        await RunUntilDrawingAsync("cp-2-1", 12, TimeSpan.FromSeconds(30));
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"no phase ever carried more than the 32 A connection (peak {PeakPhaseA:0.#} A)");

        var events = await SiteEventsAsync();
        Output?.WriteLine(string.Join(Environment.NewLine, events));
        Assert.Contains(events, e => e is EvsePausedBySite { EvseId: "cp-2-1" });
        Assert.Contains(events, e => e is EvseResumedBySite { EvseId: "cp-2-1" });
    }

    [Fact]
    public async Task A_1_phase_car_on_L1_does_not_limit_a_3_phase_car_beyond_what_L1_requires()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1", maxCurrentA: 32, phases: 1);
        await ArriveAsync("cp-1-2", maxCurrentA: 32, phases: 3);

        // L1 is shared 16/16; the three-phase car has on every phase what L1 leaves it, not less.
        var shared = await RunUntilAsync(s => Evse(s, "cp-1-1").AppliedA >= 15.9 && Evse(s, "cp-1-2").AppliedA >= 15.9, TimeSpan.FromSeconds(60), "L1 shared equally");
        Assert.Equal(16, Evse(shared, "cp-1-2").Decision.CurrentA, 1);
        await RunUntilDrawingAsync("cp-1-2", 15.9, TimeSpan.FromSeconds(10));
        await RunForAsync(TimeSpan.FromSeconds(30));
        var loads = await Simulator.InspectAsync(PhaseLoads);
        Assert.InRange(loads[0], 31, 32 + Tolerance);
        Assert.InRange(loads[1], 15, 17);
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A");
    }

    [Fact]
    public async Task A_car_that_stops_drawing_frees_its_share_within_2_ticks()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));

        // The first car needs little energy: it is full after about a minute at 16 A and stops drawing.
        await ArriveAsync("cp-1-1", maxCurrentA: 32, energyWh: 600);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);
        await RunUntilDrawingAsync("cp-1-2", 15.9, TimeSpan.FromSeconds(60));
        var deadline = Time.GetUtcNow() + TimeSpan.FromMinutes(5);
        while (await ActualAsync("cp-1-1") > 0)
        {
            await StepAsync();
            Assert.True(Time.GetUtcNow() < deadline, "the first car never became full");
        }

        var stoppedAt = Time.GetUtcNow();
        var freed = await RunUntilAsync(s => Evse(s, "cp-1-2").AppliedA >= 24, TimeSpan.FromSeconds(10), "the second car is given the share the first no longer draws");
        var took = Time.GetUtcNow() - stoppedAt;
        Assert.True(took <= 2 * Settings.Tick + TimeSpan.FromSeconds(1), $"freed after {took} (one meter period after the car stopped, then within two ticks)");
        Assert.True(PeakPhaseA <= 32 + Tolerance, $"peak {PeakPhaseA:0.#} A; {Describe(freed)}");
    }

    [Fact]
    public async Task The_limit_schedule_drops_at_17_00_and_everyone_is_lowered_before_anyone_is_raised()
    {
        // The site's clock reads 16:58 when the story starts; from 17:00 the connection may carry 16 A.
        var zone = TimeZoneInfo.CreateCustomTimeZone("site", TimeSpan.FromHours(9) - TimeSpan.FromMinutes(2), "site", "site");
        var options = SiteOptions(3, gridA: 32, customize: o => o.Grid.Schedule.Add(new GridScheduleEntryOptions
        {
            Days = [Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri, Weekday.Sat, Weekday.Sun],
            From = new TimeOnly(17, 0),
            To = new TimeOnly(21, 0),
            MaxCurrentA = 16,
        }));
        await StartSiteAsync(options, timeZone: zone);
        await ArriveAsync("cp-1-1", maxCurrentA: 32);
        await ArriveAsync("cp-1-2", maxCurrentA: 32);
        await RunUntilDrawingAsync("cp-1-1", 15.9, TimeSpan.FromSeconds(60));
        await RunUntilDrawingAsync("cp-1-2", 15.9, TimeSpan.FromSeconds(60));

        var raisedWhileLowering = new List<string>();
        var before = await StepAsync();
        var dropped = await RunUntilAsync(
            s =>
            {
                foreach (var evse in s.Evses)
                {
                    var was = Evse(before, evse.EvseId).AppliedA;
                    if (evse.AppliedA > was && s.Evses.Any(other => !other.Settled && other.EvseId != evse.EvseId))
                    {
                        raisedWhileLowering.Add($"{evse.EvseId} at {s.At:T}");
                    }
                }

                before = s;
                return s.GridLimitA == 16 && s.Evses.All(e => e.Settled) && Evse(s, "cp-1-1").AppliedA <= 8 && Evse(s, "cp-1-2").AppliedA <= 8;
            },
            TimeSpan.FromMinutes(3),
            "both cars are lowered to 8 A after 17:00");
        Assert.Empty(raisedWhileLowering);
        await RunForAsync(TimeSpan.FromSeconds(5));
        var loads = await Simulator.InspectAsync(PhaseLoads);
        Assert.True(loads.Max() <= 16 + Tolerance, $"after the drop the phases carry {string.Join("/", loads)} A; {Describe(dropped)}");
    }
}
