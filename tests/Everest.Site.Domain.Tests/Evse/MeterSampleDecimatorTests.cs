using Everest.Site.Domain.Evse;

namespace Everest.Site.Domain.Tests.Evse;

public sealed class MeterSampleDecimatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly MeterSamplePolicy Policy = new(TimeSpan.FromMinutes(5), EnergyDeltaWh: 1000);

    private static MeterReading At(double minutes, double wh) => new(T0.AddMinutes(minutes), wh);

    // Legend: last kept (minutes, Wh) → new reading (minutes, Wh) → kept?
    [Theory]
    [InlineData(0, 100, 0.0167, 103, false)] // one second later, 3 Wh more: a 1 Hz reading is not history
    [InlineData(0, 100, 4.99, 900, false)]   // before the interval, below the delta
    [InlineData(0, 100, 5, 101, true)]       // interval reached and energy moved
    [InlineData(0, 100, 60, 100, false)]     // an idle EVSE writes nothing, however long
    [InlineData(0, 100, 1, 1100, true)]      // delta reached before the interval
    [InlineData(0, 100, 1, 50, true)]        // meter went backwards (replaced or reset): keep the jump
    [InlineData(5, 100, 4, 2000, false)]     // older than the last kept: never
    public void Keeps_a_reading_only_when_interval_or_energy_delta_says_so(double lastMin, double lastWh, double min, double wh, bool kept)
    {
        Assert.Equal(kept, MeterSampleDecimator.ShouldKeep(Policy, At(lastMin, lastWh), At(min, wh)));
    }

    [Fact]
    public void Keeps_the_first_reading()
    {
        Assert.True(MeterSampleDecimator.ShouldKeep(Policy, lastKept: null, At(0, 0)));
    }

    [Fact]
    public void A_charging_hour_at_11_kW_read_every_second_keeps_one_sample_per_interval_not_3600()
    {
        MeterReading? last = null;
        var kept = 0;
        for (var s = 0; s <= 3600; s++)
        {
            var reading = new MeterReading(T0.AddSeconds(s), s * 11000.0 / 3600);
            if (MeterSampleDecimator.ShouldKeep(Policy, last, reading))
            {
                kept++;
                last = reading;
            }
        }

        // At 11 kW a kWh takes 5.45 minutes, so the 5-minute interval decides: the first reading plus one every 5 minutes.
        Assert.Equal(13, kept);
    }
}
