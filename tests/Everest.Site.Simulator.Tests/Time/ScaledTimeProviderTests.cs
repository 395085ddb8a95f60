using Everest.Site.Simulator.Time;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Simulator.Tests.Time;

public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Simulated_time_runs_scale_times_faster_than_the_real_clock()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scaled = new ScaledTimeProvider(60, Start, real);

        real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Start.AddMinutes(10), scaled.GetUtcNow());
    }

    [Fact]
    public async Task A_delay_of_simulated_time_takes_real_time_divided_by_the_scale()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scaled = new ScaledTimeProvider(60, Start, real);
        var delay = Task.Delay(TimeSpan.FromMinutes(1), scaled);

        real.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromMilliseconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_scale_that_is_not_a_positive_finite_number_is_refused(double scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(scale, Start));
    }
}
