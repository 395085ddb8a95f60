using System.Collections;
using Everest.Site.Cli;
using Everest.Site.Configuration;

namespace Everest.Site.Tests.Hosting;

/// <summary>What <c>demo --evses</c> and <c>--speed</c> make of demo.conf, loaded and validated as the demo loads it.</summary>
public sealed class DemoOverridesTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    private static EverestSiteOptions Demo => SiteConfiguration.BindAndValidate(SiteConfiguration.LoadDemo(NoEnvironment));

    private static EverestSiteOptions Resized(int? evses, double? speed) => SiteConfiguration.BindAndValidate(
        SiteConfiguration.LoadDemo(NoEnvironment, DemoOverrides.ToHocon(Demo, evses, speed), DemoOverrides.SourceName));

    [Fact]
    public void Four_evses_are_exactly_the_site_of_demo_conf()
    {
        var demo = Demo;

        var resized = Resized(4, null);

        Assert.Equal(Describe(demo), Describe(resized));
        Assert.Equal(demo.Grid.MaxCurrentA, resized.Grid.MaxCurrentA);
        Assert.Equal(demo.Circuits.Single().MaxCurrentA, resized.Circuits.Single().MaxCurrentA);
        Assert.Equal(demo.Simulator.ArrivalRatePerHour, resized.Simulator.ArrivalRatePerHour);
    }

    [Theory]
    [InlineData(1, 1, 16, 2.5)]
    [InlineData(3, 2, 16, 7.5)]
    [InlineData(10, 5, 40, 25)]
    [InlineData(51, 26, 204, 127.5)]
    [InlineData(200, 100, 800, 500)]
    public void N_evses_on_chargers_of_two_keep_the_demo_share_of_the_limit_and_arrivals_per_evse(int evses, int chargers, double limitA, double arrivalsPerHour)
    {
        var options = Resized(evses, null);

        Assert.Equal(evses, options.Chargers.Sum(c => c.Evses.Count));
        Assert.Equal(chargers, options.Chargers.Count);
        Assert.Equal(limitA, options.Grid.MaxCurrentA);
        Assert.Equal(limitA, options.Circuits.Single().MaxCurrentA);
        Assert.Equal(arrivalsPerHour, options.Simulator.ArrivalRatePerHour, 3);
        var all = options.Chargers.SelectMany(c => c.Evses).ToList();
        Assert.Equal(evses, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(evses, all.Select(e => e.ModuleId).Distinct().Count());
        Assert.All(all, e => Assert.Equal("carport", e.Circuit));

        // From three EVSEs on, cars at their 6 A minimum do not all fit at once, so allocation has to share.
        Assert.Equal(evses > 2, evses * 6 > limitA - options.Grid.SafetyMarginA);
    }

    [Fact]
    public void A_speed_is_the_simulators_time_scale_and_leaves_the_site_alone()
    {
        var demo = Demo;

        var slower = Resized(null, 0.5);

        Assert.Equal(0.5, slower.Simulator.TimeScale);
        Assert.Equal(demo.Allocation.Rotation, slower.Allocation.Rotation);
        Assert.Equal(demo.EverestApi.RequestTimeout, slower.EverestApi.RequestTimeout);
        Assert.Equal(Describe(demo), Describe(slower));
    }

    [Fact]
    public void Above_the_demo_speed_turns_and_time_outs_are_stretched_to_last_as_long_on_the_wall()
    {
        var demo = Demo;
        var factor = 600 / demo.Simulator.TimeScale;

        var faster = Resized(null, 600);

        Assert.Equal(600, faster.Simulator.TimeScale);
        Assert.Equal(demo.Allocation.Rotation * factor, faster.Allocation.Rotation);
        Assert.Equal(demo.Allocation.MinPause * factor, faster.Allocation.MinPause);
        Assert.Equal(demo.Allocation.MinCharge * factor, faster.Allocation.MinCharge);
        Assert.Equal(demo.Allocation.FallbackAfter * factor, faster.Allocation.FallbackAfter);
        Assert.Equal(demo.Allocation.LoweringTimeout * factor, faster.Allocation.LoweringTimeout);
        Assert.Equal(demo.EverestApi.RequestTimeout * factor, faster.EverestApi.RequestTimeout);
        Assert.Equal(demo.EverestApi.HeartbeatTimeout * factor, faster.EverestApi.HeartbeatTimeout);
        Assert.Equal(demo.Allocation.Tick, faster.Allocation.Tick);
    }

    [Fact]
    public void Values_from_the_command_line_say_so_where_config_check_shows_origins()
    {
        var configuration = SiteConfiguration.LoadDemo(NoEnvironment, DemoOverrides.ToHocon(Demo, 6, 120), DemoOverrides.SourceName);

        Assert.StartsWith(DemoOverrides.SourceName, ConfigurationOrigins.Describe(configuration, "everest-site:simulator:time-scale"), StringComparison.Ordinal);
        Assert.StartsWith(DemoOverrides.SourceName, ConfigurationOrigins.Describe(configuration, "everest-site:grid:max-current-a"), StringComparison.Ordinal);
        Assert.StartsWith("demo.conf", ConfigurationOrigins.Describe(configuration, "everest-site:site-id"), StringComparison.Ordinal);
    }

    private static List<string> Describe(EverestSiteOptions options) =>
        options.Chargers.SelectMany(c => c.Evses.Select(e => $"{c.Id}/{c.SystemModuleId}: {e.Id} {e.ModuleId} {e.EnergyLimitsModuleId} {e.Circuit} {e.PhaseRotation}")).ToList();
}
