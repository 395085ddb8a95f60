using System.Globalization;

namespace Everest.Site.Hocon.Conversion;

/// <summary>
/// HOCON size spellings: a number and an optional unit. Decimal units are powers of 1000 (<c>kB</c>, <c>MB</c>,
/// <c>GB</c>, <c>TB</c>, kilobytes…); binary units are powers of 1024 (<c>K</c>, <c>Ki</c>, <c>KiB</c>, <c>M</c>,
/// <c>MiB</c>, <c>G</c>, <c>GiB</c>, mebibytes…). A bare number is a count of bytes.
/// </summary>
public static class HoconByteSize
{
    private static readonly Dictionary<string, long> BytesPerUnit = BuildUnits();

    public static bool TryParse(string? text, out long bytes, out string? error)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !decimal.TryParse(trimmed.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            error = $"expected a size such as 512, 10MB or 10MiB, found '{trimmed}'";
            return false;
        }

        var unit = trimmed[split..].Trim();
        if (!BytesPerUnit.TryGetValue(unit, out var factor))
        {
            error = $"expected a size unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB or their long names), found '{unit}' in '{trimmed}'";
            return false;
        }

        try
        {
            var total = number * factor;
            if (total != decimal.Truncate(total))
            {
                error = $"size '{trimmed}' is not a whole number of bytes";
                return false;
            }

            bytes = decimal.ToInt64(total);
        }
        catch (OverflowException)
        {
            error = $"size '{trimmed}' is out of range";
            return false;
        }

        error = null;
        return true;
    }

    /// <exception cref="FormatException">The text is not a size; the message says what was expected.</exception>
    public static long Parse(string text) =>
        TryParse(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    private static Dictionary<string, long> BuildUnits()
    {
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(long factor, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = factor;
            }
        }

        Add(1, "", "B", "b", "byte", "bytes");
        Add(1000L, "kB", "KB", "kilobyte", "kilobytes");
        Add(1000L * 1000, "MB", "megabyte", "megabytes");
        Add(1000L * 1000 * 1000, "GB", "gigabyte", "gigabytes");
        Add(1000L * 1000 * 1000 * 1000, "TB", "terabyte", "terabytes");
        Add(1024L, "K", "k", "Ki", "KiB", "kibibyte", "kibibytes");
        Add(1024L * 1024, "M", "m", "Mi", "MiB", "mebibyte", "mebibytes");
        Add(1024L * 1024 * 1024, "G", "g", "Gi", "GiB", "gibibyte", "gibibytes");
        Add(1024L * 1024 * 1024 * 1024, "T", "t", "Ti", "TiB", "tebibyte", "tebibytes");
        return units;
    }
}
