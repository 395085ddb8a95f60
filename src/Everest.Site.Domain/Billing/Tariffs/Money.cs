namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// Rounding of amounts: to the currency's minor unit (ISO 4217 exponent), half away from zero, so that a credit
/// (negated amount) rounds to exactly the negation of the original.
/// </summary>
public static class Money
{
    /// <summary>Decimal places of the minor unit: 2 unless the currency is known to have 0 or 3.</summary>
    public static int MinorUnitDigits(string currency) => currency switch
    {
        "BIF" or "CLP" or "DJF" or "GNF" or "ISK" or "JPY" or "KMF" or "KRW" or "PYG" or "RWF" or "UGX" or "UYI"
            or "VND" or "VUV" or "XAF" or "XOF" or "XPF" => 0,
        "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
        _ => 2,
    };

    public static decimal Round(decimal amount, string currency) =>
        Math.Round(amount, MinorUnitDigits(currency), MidpointRounding.AwayFromZero);
}
