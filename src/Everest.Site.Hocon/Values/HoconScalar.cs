using System.Globalization;

namespace Everest.Site.Hocon;

/// <summary>
/// A string, number, boolean or null. Numbers keep the text they were written with (<c>1.50</c> stays
/// <c>1.50</c>) so nothing is lost on the way to <c>IConfiguration</c>, which holds strings anyway.
/// </summary>
public sealed class HoconScalar : HoconValue
{
    private HoconScalar(HoconValueKind kind, string? text, HoconOrigin origin)
        : base(origin)
    {
        Kind = kind;
        Text = text;
    }

    public override HoconValueKind Kind { get; }

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c>; null for null.</summary>
    public string? Text { get; }

    public static HoconScalar String(string value, HoconOrigin origin) => new(HoconValueKind.String, value, origin);

    public static HoconScalar Number(string text, HoconOrigin origin) => new(HoconValueKind.Number, text, origin);

    public static HoconScalar Boolean(bool value, HoconOrigin origin) =>
        new(HoconValueKind.Boolean, value ? "true" : "false", origin);

    public static HoconScalar Null(HoconOrigin origin) => new(HoconValueKind.Null, null, origin);

    /// <summary>
    /// Reads text the way an unquoted HOCON value is read: <c>true</c>/<c>false</c>, <c>null</c>, a JSON number,
    /// otherwise a string. Used for values that arrive as plain text, e.g. from environment variables.
    /// </summary>
    public static HoconScalar Infer(string text, HoconOrigin origin) => text switch
    {
        "true" => Boolean(true, origin),
        "false" => Boolean(false, origin),
        "null" => Null(origin),
        _ when Parsing.HoconParser.IsJsonNumber(text) => Number(text, origin),
        _ => String(text, origin),
    };

    /// <summary>The text used when this scalar takes part in a string concatenation.</summary>
    internal string ConcatenationText => Text ?? "null";

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconScalar(Kind, Text, origin);

    public override string ToString() => Text ?? "null";

    /// <summary>The number as a double (invariant culture); throws for a non-number.</summary>
    public double AsDouble() => Kind == HoconValueKind.Number
        ? double.Parse(Text!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{Origin}: {Kind} is not a number");
}
