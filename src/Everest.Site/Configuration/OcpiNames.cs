namespace Everest.Site.Configuration;

/// <summary>The OCPI 2.2.1 enumeration values that configuration may name (exact spellings).</summary>
public static class OcpiNames
{
    /// <summary>OCPI ConnectorType.</summary>
    public static readonly IReadOnlySet<string> ConnectorTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "CHADEMO", "CHAOJI", "DOMESTIC_A", "DOMESTIC_B", "DOMESTIC_C", "DOMESTIC_D", "DOMESTIC_E", "DOMESTIC_F", "DOMESTIC_G",
        "DOMESTIC_H", "DOMESTIC_I", "DOMESTIC_J", "DOMESTIC_K", "DOMESTIC_L", "DOMESTIC_M", "DOMESTIC_N", "DOMESTIC_O",
        "GBT_AC", "GBT_DC", "IEC_60309_2_single_16", "IEC_60309_2_three_16", "IEC_60309_2_three_32", "IEC_60309_2_three_64",
        "IEC_62196_T1", "IEC_62196_T1_COMBO", "IEC_62196_T2", "IEC_62196_T2_COMBO", "IEC_62196_T3A", "IEC_62196_T3C",
        "NEMA_5_20", "NEMA_6_30", "NEMA_6_50", "NEMA_10_30", "NEMA_10_50", "NEMA_14_30", "NEMA_14_50",
        "PANTOGRAPH_BOTTOM_UP", "PANTOGRAPH_TOP_DOWN", "TESLA_R", "TESLA_S",
    };

    /// <summary>OCPI ConnectorFormat.</summary>
    public static readonly IReadOnlySet<string> ConnectorFormats = new HashSet<string>(StringComparer.Ordinal) { "SOCKET", "CABLE" };

    /// <summary>OCPI PowerType.</summary>
    public static readonly IReadOnlySet<string> PowerTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AC_1_PHASE", "AC_2_PHASE", "AC_2_PHASE_SPLIT", "AC_3_PHASE", "DC",
    };
}
