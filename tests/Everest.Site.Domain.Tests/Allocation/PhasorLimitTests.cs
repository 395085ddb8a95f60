using Everest.Site.Domain.Allocation;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

public sealed class PhasorLimitTests
{
    private static EvseDemand LineToLine(string id) => Car(id, phases: 1, min: 0);

    [Fact]
    public void Two_currents_120_degrees_apart_share_a_magnitude_limit_as_a_phasor_sum()
    {
        // |a·e^{j0} + b·e^{j120°}| ≤ 20 with a = b: the sum's magnitude equals a, so both reach 20.
        var limit = new PhasorConstraint("feeder", 20, [new PhasorTerm("a", 1, 0), new PhasorTerm("b", 1, 120)]);
        var site = new SiteModel(1000, phasorConstraints: [limit]);
        var result = Run(site, [LineToLine("a"), LineToLine("b")]);

        Assert.Equal(20, result.Of("a").CurrentA, 6);
        Assert.Equal(20, result.Of("b").CurrentA, 6);
        Assert.Equal(20, result.Load("feeder"), 6);
    }

    [Fact]
    public void In_phase_currents_add_up_like_a_plain_sum()
    {
        var limit = new PhasorConstraint("pod", 30, [new PhasorTerm("a", 1, 30), new PhasorTerm("b", 1, 30)]);
        var result = Run(new SiteModel(1000, phasorConstraints: [limit]), [LineToLine("a"), LineToLine("b")]);

        Assert.Equal(15, result.Of("a").CurrentA, 6);
        Assert.Equal(15, result.Of("b").CurrentA, 6);
    }

    [Fact]
    public void A_current_that_balances_the_sum_keeps_rising_after_the_limit_is_reached()
    {
        // a alone would reach 10; b opposite to a (180°) reduces the sum, so b is not stopped by it.
        var limit = new PhasorConstraint("unbalance", 10, [new PhasorTerm("a", 1, 0), new PhasorTerm("b", 1, 180)]);
        var result = Run(new SiteModel(1000, phasorConstraints: [limit]), [LineToLine("a") with { MaxCurrentA = 32 }, LineToLine("b") with { MaxCurrentA = 16 }]);

        Assert.Equal(16, result.Of("b").CurrentA, 6);
        Assert.Equal(26, result.Of("a").CurrentA, 6);
        Assert.True(result.Load("unbalance") <= 10 + 1e-6);
    }
}
