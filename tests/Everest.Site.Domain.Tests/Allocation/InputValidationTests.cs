using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using static Everest.Site.Domain.Tests.Allocation.Sites;

namespace Everest.Site.Domain.Tests.Allocation;

public sealed class InputValidationTests
{
    [Fact]
    public void A_circuit_tree_with_a_cycle_is_refused_naming_the_circuit()
    {
        var error = Assert.Throws<ArgumentException>(() => new SiteModel(63, [new Circuit("a", "b", 32), new Circuit("b", "a", 32)]));
        Assert.Contains("'a' is its own ancestor", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "nowhere", "names parent 'nowhere'")]
    [InlineData("grid", "grid", "'grid' is the grid connection's id")]
    public void A_circuit_with_a_wrong_parent_or_id_is_refused(string id, string parent, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new SiteModel(63, [new Circuit(id, parent, 32)]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_circuit_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SiteModel(63, [new Circuit("a", "grid", 32), new Circuit("a", "grid", 16)]));
        Assert.Contains("defined twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void A_limit_that_is_not_a_finite_non_negative_number_is_refused(double limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SiteModel(limit));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SiteModel(63, [new Circuit("a", "grid", limit)]));
    }

    [Fact]
    public void An_EVSE_on_an_unknown_circuit_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => Run(new SiteModel(32), [Car("a", circuit: "board-z")]));
        Assert.Contains("'a' is wired to circuit 'board-z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_numbers_from_a_device_count_as_nothing_and_never_break_a_run()
    {
        var garbage = Car("bad") with { Measured = new PhaseCurrents(double.NaN, double.PositiveInfinity, -5), EvMaxCurrentA = double.NaN, LastDrawA = double.NaN };
        var result = Run(new SiteModel(32), [garbage, Car("a")]);

        Assert.All(result.Evses, e => Assert.True(double.IsFinite(e.CurrentA)));
        Assert.True(result.Limits.All(l => l.Load <= l.Limit + 1e-9));
    }
}
