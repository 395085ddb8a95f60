using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.grid</c>: the site's connection. Currents are per phase, in amperes.</summary>
public sealed class GridOptions
{
    [ConfigurationKeyName("max-current-a")]
    public double MaxCurrentA { get; set; }

    /// <summary>Headroom kept below every limit, for meter error and reaction time.</summary>
    [ConfigurationKeyName("safety-margin-a")]
    public double SafetyMarginA { get; set; }

    /// <summary>Nominal phase-to-neutral voltage, for converting between power and current.</summary>
    [ConfigurationKeyName("voltage-v")]
    public double VoltageV { get; set; }

    /// <summary>1 or 3.</summary>
    public int Phases { get; set; }

    /// <summary>Time-of-day limits that lower <see cref="MaxCurrentA"/> (later entries win where they overlap).</summary>
    public List<GridScheduleEntryOptions> Schedule { get; set; } = [];

    /// <summary>
    /// The time zone the schedule's times are read in (an IANA id such as <c>Europe/Berlin</c>); null: the
    /// gateway's local zone.
    /// </summary>
    [ConfigurationKeyName("time-zone")]
    public string? TimeZone { get; set; }

    /// <summary>Also obey charging schedules the CSMS sends through OCPP.</summary>
    [ConfigurationKeyName("use-csms-schedules")]
    public bool UseCsmsSchedules { get; set; }
}
