using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of a tariff's <c>time-windows</c>: on <see cref="Days"/> between <see cref="From"/> and <see cref="To"/> (local time) energy costs <see cref="EnergyPricePerKwh"/>.</summary>
public sealed class TariffTimeWindowOptions
{
    /// <summary>Default: every day.</summary>
    public List<Weekday> Days { get; set; } = [Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri, Weekday.Sat, Weekday.Sun];

    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }

    [ConfigurationKeyName("energy-price-per-kwh")]
    public decimal EnergyPricePerKwh { get; set; }
}
