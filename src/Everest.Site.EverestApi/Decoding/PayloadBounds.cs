namespace Everest.Site.EverestApi;

/// <summary>
/// The bounds a decoded payload must keep before it may become a fact. They are far beyond anything a real
/// charger measures, so they only ever reject garbage: a meter total of 1e308 or a 10 MB id token is not
/// billable, and once stored it would poison every report that reads it.
/// </summary>
/// <remarks>
/// A number's quantity comes from the wire name of its field or of an enclosing field (<c>energy_Wh_import</c>
/// makes its <c>total</c>, <c>L1</c>, … energies): a name containing <c>energy</c> is an energy, one containing
/// <c>current</c> or ending in <c>_A</c> a current, <c>voltage</c> or <c>_V</c> a voltage, <c>power</c> or <c>_W</c>
/// a power; any other number is bounded by <see cref="MaxMagnitude"/>.
/// </remarks>
public static class PayloadBounds
{
    /// <summary>Largest energy in Wh (1 TWh); energies (meter registers) are never negative.</summary>
    public const double MaxEnergyWh = 1e12;

    /// <summary>Largest current magnitude in A (10 kA, past any charger's fuse).</summary>
    public const double MaxCurrentA = 10_000;

    /// <summary>Largest voltage magnitude in V (100 kV).</summary>
    public const double MaxVoltageV = 100_000;

    /// <summary>Largest power magnitude in W (1 GW).</summary>
    public const double MaxPowerW = 1e9;

    /// <summary>Largest magnitude of any other number (prices, percentages, temperatures, …).</summary>
    public const double MaxMagnitude = 1e12;

    /// <summary>Longest identifier or short text (ids, uuids, id tokens, names, codes, unknown enum values), in characters.</summary>
    public const int MaxIdentifierLength = 255;

    /// <summary>Longest long text (signed meter data, certificates, EXI streams, display texts, URLs), in characters.</summary>
    public const int MaxLongTextLength = 32_768;

    /// <summary>The wire names of the string fields that carry long text; every other string is an identifier.</summary>
    public static IReadOnlySet<string> LongTextFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "signed_meter_data", "signature", "public_key", "certificate", "signing_certificate", "exi_request",
        "exi_response", "content", "data", "qr_code", "additional_info", "info", "tech_info", "actual_value",
        "location", "logging_path", "file_name", "start_schedule",
    };

    /// <summary>No timestamp may be earlier: EVerest postdates this, and a clock that reads earlier was never set.</summary>
    public static DateTimeOffset EarliestTimestamp { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// No timestamp may be this late or later, planned times (departure, schedules, expiry) included. Observations
    /// (when a meter was read or an event happened) are bounded tighter, by our clock plus
    /// <see cref="EverestApiOptions.MaxClockSkew"/>.
    /// </summary>
    public static DateTimeOffset LatestPlannedTimestamp { get; } = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
