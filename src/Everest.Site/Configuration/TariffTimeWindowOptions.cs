using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// One entry of a tariff's <c>time-windows</c>: on <see cref="Days"/> between <see cref="From"/> and <see cref="To"/>
/// (local time of <c>billing.time-zone</c>; a window whose <c>to</c> is not after its <c>from</c> runs past midnight)
/// the prices set here replace the tariff's; a price left out stays the tariff's. Later windows win where they overlap.
/// </summary>
public sealed class TariffTimeWindowOptions
{
    /// <summary>The days the window starts on; left out or empty: every day. (A default list here would be appended to, not replaced, by the binder.)</summary>
    public List<Weekday> Days { get; set; } = [];

    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }

    [ConfigurationKeyName("energy-price-per-kwh")]
    public decimal? EnergyPricePerKwh { get; set; }

    [ConfigurationKeyName("time-price-per-hour")]
    public decimal? TimePricePerHour { get; set; }

    [ConfigurationKeyName("idle-price-per-minute")]
    public decimal? IdlePricePerMinute { get; set; }
}
