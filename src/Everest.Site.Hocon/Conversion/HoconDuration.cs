using System.Globalization;

namespace Everest.Site.Hocon.Conversion;

/// <summary>
/// HOCON duration spellings: a number and a unit, with or without a space (<c>5s</c>, <c>500 ms</c>, <c>2 minutes</c>,
/// <c>1.5h</c>). Units: ns, us, ms, s, m (minutes), h, d and their long forms (nanosecond(s), micro(s), milli(s),
/// second(s), minute(s), hour(s), day(s)). Unlike the spec, which reads a bare number as milliseconds, a bare number
/// other than 0 is rejected here: <c>keep-alive = 30</c> is too easy to misread. .NET's <c>hh:mm:ss</c> form is accepted too.
/// </summary>
public static class HoconDuration
{
    private static readonly Dictionary<string, double> TicksPerUnit = BuildUnits();

    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "expected a duration such as 5s, 500 ms, 2m or 1h, found an empty value";
            return false;
        }

        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value))
            {
                error = null;
                return true;
            }

            error = $"expected a duration such as 5s or 00:00:05, found '{trimmed}'";
            return false;
        }

        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] is '.' or '-' or '+'))
        {
            split++;
        }

        var unit = trimmed[split..].Trim();
        if (!double.TryParse(trimmed.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            error = $"expected a duration such as 5s, 500 ms, 2m or 1h, found '{trimmed}'";
            return false;
        }

        if (unit.Length == 0)
        {
            if (number == 0)
            {
                error = null;
                return true;
            }

            error = $"expected a duration with a unit (ms, s, m, h, d), found the bare number '{trimmed}'";
            return false;
        }

        if (!TicksPerUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"expected a duration unit (ns, us, ms, s, m, h, d or their long names), found '{unit}' in '{trimmed}'";
            return false;
        }

        var ticks = number * ticksPerUnit;
        if (double.IsNaN(ticks) || ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            error = $"duration '{trimmed}' is out of range";
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        error = null;
        return true;
    }

    /// <exception cref="FormatException">The text is not a duration; the message says what was expected.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    private static Dictionary<string, double> BuildUnits()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(double ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10, "us", "µs", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }
}
