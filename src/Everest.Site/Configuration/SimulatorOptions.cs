using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.simulator</c>: simulated EVs for <c>everest-site demo</c> and <c>simulate</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Run simulated EVerest instances for the configured chargers.</summary>
    public bool Enabled { get; set; }

    /// <summary>Simulate only the first this many configured EVSEs; null simulates all of them.</summary>
    [ConfigurationKeyName("evse-count")]
    public int? EvseCount { get; set; }

    /// <summary>Mean EV arrivals per hour across the site (Poisson), in simulated time.</summary>
    [ConfigurationKeyName("arrival-rate-per-hour")]
    public double ArrivalRatePerHour { get; set; }

    /// <summary>Mean energy an arriving EV wants, in kWh.</summary>
    [ConfigurationKeyName("mean-energy-kwh")]
    public double MeanEnergyKwh { get; set; }

    /// <summary>Simulated seconds per real second (1 = real time).</summary>
    [ConfigurationKeyName("time-scale")]
    public double TimeScale { get; set; }

    /// <summary>Random seed, so a demo run can be repeated.</summary>
    public int Seed { get; set; }
}
