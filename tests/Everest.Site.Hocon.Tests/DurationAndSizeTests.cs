using Everest.Site.Hocon.Conversion;

namespace Everest.Site.Hocon.Tests;

public sealed class DurationAndSizeTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("500 ms", 500)]
    [InlineData("500ms", 500)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2 hours", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("3 days", 259_200_000)]
    [InlineData("30 seconds", 30_000)]
    [InlineData("250 millis", 250)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("00:01:30", 90_000)]
    [InlineData("  15s  ", 15_000)]
    public void Durations_read_hocon_spellings(string text, long milliseconds)
    {
        Assert.True(HoconDuration.TryParse(text, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("1500 us", 15_000)]
    [InlineData("100 ns", 1)]
    public void Sub_millisecond_durations_are_kept_to_the_tick(string text, long ticks) =>
        Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));

    [Theory]
    [InlineData("5", "bare number")]
    [InlineData("5 fortnights", "found 'fortnights'")]
    [InlineData("lots", "expected a duration")]
    [InlineData("", "empty")]
    [InlineData("1:xx", "expected a duration")]
    [InlineData("5S", "found 'S'")]
    public void Bad_durations_say_what_was_expected(string text, string fragment)
    {
        Assert.False(HoconDuration.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => HoconDuration.Parse(text));
        Assert.Equal(error, exception.Message);
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("512 B", 512)]
    [InlineData("10 bytes", 10)]
    [InlineData("10kB", 10_000)]
    [InlineData("10KiB", 10_240)]
    [InlineData("10K", 10_240)]
    [InlineData("10MB", 10_000_000)]
    [InlineData("10MiB", 10_485_760)]
    [InlineData("10 M", 10_485_760)]
    [InlineData("2 megabytes", 2_000_000)]
    [InlineData("2 mebibytes", 2_097_152)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1GiB", 1_073_741_824)]
    [InlineData("1.5KiB", 1_536)]
    [InlineData("2TiB", 2_199_023_255_552)]
    public void Sizes_read_decimal_and_binary_units(string text, long bytes)
    {
        Assert.True(HoconByteSize.TryParse(text, out var value, out var error), error);
        Assert.Equal(bytes, value);
        Assert.Equal(bytes, ByteSize.Parse(text).Bytes);
    }

    [Theory]
    [InlineData("10 parsecs", "found 'parsecs'")]
    [InlineData("MB", "expected a size")]
    [InlineData("1.5 B", "not a whole number")]
    [InlineData("-5MB", "expected a size")]
    [InlineData("99999999999 TiB", "out of range")]
    public void Bad_sizes_say_what_was_expected(string text, string fragment)
    {
        Assert.False(HoconByteSize.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }
}
