using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// One entry of <c>billing.tariffs</c>: a price per kWh, an optional fee per session, and an idle fee per minute that
/// starts after a grace period once charging has finished (or has not started) while the car stays plugged in.
/// Time windows change the energy price at certain times. Prices are in <c>billing.currency</c>, excluding nothing:
/// what is configured is what is billed.
/// </summary>
public sealed class TariffOptions
{
    public string Id { get; set; } = "";

    [ConfigurationKeyName("energy-price-per-kwh")]
    public decimal EnergyPricePerKwh { get; set; }

    /// <summary>Fixed fee per session (default 0).</summary>
    [ConfigurationKeyName("session-fee")]
    public decimal SessionFee { get; set; }

    /// <summary>Price per minute of idle (connected, not charging) time after <see cref="IdleGracePeriod"/> (default 0).</summary>
    [ConfigurationKeyName("idle-price-per-minute")]
    public decimal IdlePricePerMinute { get; set; }

    /// <summary>Idle time that is free (default 0s).</summary>
    [ConfigurationKeyName("idle-grace-period")]
    public TimeSpan IdleGracePeriod { get; set; }

    /// <summary>Energy prices for times of day; where none applies, <see cref="EnergyPricePerKwh"/> does.</summary>
    [ConfigurationKeyName("time-windows")]
    public List<TariffTimeWindowOptions> TimeWindows { get; set; } = [];
}
