using Everest.Site.Simulator.Arrivals;

namespace Everest.Site.Simulator.Tests.Arrivals;

public sealed class PoissonArrivalPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_cars()
    {
        var first = new PoissonArrivalPlan(10, Start, seed: 3).TakeArrivals(Start.AddHours(5));
        var second = new PoissonArrivalPlan(10, Start, seed: 3).TakeArrivals(Start.AddHours(5));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Over_a_long_time_the_arrival_count_matches_the_rate()
    {
        var arrivals = new PoissonArrivalPlan(12, Start, seed: 5).TakeArrivals(Start.AddHours(100));

        // 1200 expected; a Poisson count has a standard deviation of about 35.
        Assert.InRange(arrivals.Count, 1050, 1350);
        Assert.All(arrivals, a => Assert.Null(a.Validate()));
        Assert.InRange(arrivals.Average(a => a.EnergyWh), 20_000, 25_000);
    }

    [Fact]
    public void Arrivals_are_handed_out_once_and_in_order()
    {
        var plan = new PoissonArrivalPlan(30, Start, seed: 9);
        var early = plan.TakeArrivals(Start.AddHours(1));
        var late = plan.TakeArrivals(Start.AddHours(2));

        Assert.True(early.Concat(late).Select(a => a.Arrival).SequenceEqual(early.Concat(late).Select(a => a.Arrival).Order()));
        Assert.All(late, a => Assert.True(a.Arrival > Start.AddHours(1)));
    }

    [Fact]
    public void A_rate_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonArrivalPlan(0, Start, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonArrivalPlan(double.NaN, Start, seed: 1));
    }
}
