using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Site;

/// <summary>The dead man's switch: every limit schedule ends in the fallback current.</summary>
public sealed class FallbackStories(ITestOutputHelper output) : SiteScenario(output)
{
    [Fact]
    public async Task The_controller_dies_and_every_EVSE_falls_back_to_the_safe_current_within_the_fallback_time()
    {
        await StartSiteAsync(SiteOptions(2, gridA: 32));
        await ArriveAsync("cp-1-1");
        await ArriveAsync("cp-1-2");
        await RunUntilDrawingAsync("cp-1-1", 15, TimeSpan.FromSeconds(30));
        await RunUntilDrawingAsync("cp-1-2", 15, TimeSpan.FromSeconds(30));

        // Renewed while alive: a minute later the cars still have their share, not the fallback.
        await RunForAsync(TimeSpan.FromMinutes(1));
        Assert.True(await ActualAsync("cp-1-1") > 15);

        await StopControllerAsync();
        var diedAt = Time.GetUtcNow();
        var fallbackAfter = Settings.FallbackAfter;
        while (true)
        {
            await AdvanceSimulatorOnlyAsync();
            var offered = await Simulator.InspectAsync(s => s.Evses.Select(e => e.Simulation.OfferedCurrentA).ToList());
            if (offered.All(a => a <= Settings.FallbackCurrentA))
            {
                break;
            }

            Assert.True(Time.GetUtcNow() - diedAt <= fallbackAfter, $"Still offered {string.Join(", ", offered)} A {fallbackAfter} after the controller died");
        }

        var lastEntries = await Simulator.InspectAsync(s => s.Evses.Select(e => e.Simulation.ExternalLimits.Entries[^1].Limit.Amperes).ToList());
        Assert.All(lastEntries, a => Assert.Equal(Settings.FallbackCurrentA, a));
    }
}
