using System.Globalization;

namespace Everest.Site.Billing;

/// <summary>How every export writes values: invariant culture, instants in UTC ISO 8601, durations in seconds.</summary>
internal static class ExportFormat
{
    /// <summary>ISO 8601 in UTC with milliseconds, e.g. <c>2026-03-02T08:00:00.000Z</c> (also valid OCPI DateTime).</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Seconds with up to three decimals.</summary>
    public static decimal Seconds(TimeSpan duration) => Math.Round((decimal)duration.Ticks / TimeSpan.TicksPerSecond, 3, MidpointRounding.AwayFromZero);

    /// <summary>Hours with four decimals (OCPI numbers).</summary>
    public static decimal Hours(TimeSpan duration) => Math.Round((decimal)duration.Ticks / TimeSpan.TicksPerHour, 4, MidpointRounding.AwayFromZero);

    /// <summary>kWh with four decimals (OCPI numbers).</summary>
    public static decimal Kwh(decimal wh) => Math.Round(wh / 1000m, 4, MidpointRounding.AwayFromZero);

    /// <summary>An amount exact to 4 decimals (period costs are exact; totals are already rounded to the minor unit).</summary>
    public static decimal Amount4(decimal amount) => Math.Round(amount, 4, MidpointRounding.AwayFromZero);

    public static string Snake(string pascal)
    {
        var text = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(pascal[i]));
        }

        return text.ToString();
    }
}
