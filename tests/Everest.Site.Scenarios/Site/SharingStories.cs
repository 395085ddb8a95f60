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
}
