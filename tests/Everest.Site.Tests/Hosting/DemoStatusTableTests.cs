using Everest.Site.Hosting;

namespace Everest.Site.Tests.Hosting;

public sealed class DemoStatusTableTests
{
    [Fact]
    public void Rows_show_state_power_in_kw_and_energy_in_kwh_and_a_dash_for_unknown_values()
    {
        var text = DemoStatusTable.Render(
            new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            [
                new DemoStatusTable.Row("demo-1-1", Online: true, "Charging", PowerKw: 11.04, SessionEnergyKwh: 3.456, Allocation: "16.0 A (SharedLimit)"),
                new DemoStatusTable.Row("demo-1-2", Online: false, State: null, PowerKw: null, SessionEnergyKwh: null),
            ],
            new DemoStatusTable.SiteLine([16, 16.04, 0], 31));

        var lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Contains("2026-03-01 12:00:00Z", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^site\s+L1\s+16\.0\s+L2\s+16\.0\s+L3\s+0\.0\s+A of 31\.0 A per phase$", lines[1]);
        Assert.Matches(@"^demo-1-1\s+yes\s+Charging\s+11\.0\s+3\.46\s+16\.0 A \(SharedLimit\)$", lines[3]);
        Assert.Matches(@"^demo-1-2\s+no\s+-\s+-\s+-\s+-$", lines[4]);
    }
}
