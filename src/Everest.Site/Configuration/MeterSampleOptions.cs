using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// <c>everest-site.persistence.meter-sample</c>: which power meter readings are journaled. A sample is kept when
/// <see cref="Interval"/> has passed or the energy moved by <see cref="EnergyDeltaWh"/> since the last kept one.
/// </summary>
public sealed class MeterSampleOptions
{
    public TimeSpan Interval { get; set; }

    [ConfigurationKeyName("energy-delta-wh")]
    public double EnergyDeltaWh { get; set; }
}
