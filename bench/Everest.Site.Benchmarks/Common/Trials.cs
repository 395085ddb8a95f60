using System.Globalization;

namespace Everest.Site.Benchmarks.Common;

/// <summary>Median and range of a few measured runs, as the scenario benchmarks print them.</summary>
internal static class Trials
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median (min–max)" with <paramref name="format"/> for each number.</summary>
    public static string Summary(IReadOnlyList<double> values, string format = "N0") =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");

    /// <summary>Reads <c>key=value</c> pairs of a result line.</summary>
    public static IReadOnlyDictionary<string, string> Fields(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
