using System.Collections;
using Everest.Site.Configuration;
using Everest.Site.Site;

namespace Everest.Site.Tests.Site;

/// <summary><c>grid.time-zone</c>: the zone the limit schedule is read in.</summary>
public sealed class GridTimeZoneTests
{
    private static EverestSiteOptions Load(string text)
    {
        using var file = new TempConfig(text);
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable()));
    }

    [Fact]
    public void The_schedule_is_read_in_the_configured_zone()
    {
        var settings = SiteSettings.From(Load("everest-site.grid.time-zone = \"Europe/Berlin\""));
        Assert.Equal("Europe/Berlin", settings.Model.TimeZone.Id);
    }

    [Fact]
    public void Without_a_zone_the_schedule_is_read_in_the_gateway_s_local_zone()
    {
        var options = Load("everest-site.site-id = x");
        Assert.Null(options.Grid.TimeZone);
        Assert.Equal(TimeZoneInfo.Local.Id, SiteSettings.From(options).Model.TimeZone.Id);
    }

    [Fact]
    public void An_unknown_zone_fails_start_up_naming_the_key()
    {
        using var file = new TempConfig("everest-site.grid.time-zone = \"Mars/Olympus\"");
        var configuration = SiteConfiguration.Load(file.Path, environment: new Hashtable());
        var error = Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration));
        var problem = Assert.Single(error.Problems, p => p.Key == "everest-site:grid:time-zone");
        Assert.Contains("Mars/Olympus", problem.Message, StringComparison.Ordinal);
    }
}
