using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>A connector as OCPI names it: standard, format and power type.</summary>
public sealed class BillingConnectorOptions
{
    /// <summary>OCPI ConnectorType, e.g. IEC_62196_T2, IEC_62196_T2_COMBO, CHADEMO.</summary>
    public string Standard { get; set; } = "";

    /// <summary>SOCKET or CABLE.</summary>
    public string Format { get; set; } = "";

    /// <summary>AC_1_PHASE, AC_2_PHASE, AC_2_PHASE_SPLIT, AC_3_PHASE or DC.</summary>
    [ConfigurationKeyName("power-type")]
    public string PowerType { get; set; } = "";
}
