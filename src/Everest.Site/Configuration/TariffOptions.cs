using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// One entry of <c>billing.tariffs</c>: one version of a tariff. A price per kWh, per hour of charging, a fee per
/// transaction, and an idle fee per minute for the time the EV stays plugged in without drawing energy (never our
/// own pauses) once a grace period is used up. Time windows change prices at certain times. Entries with the same
/// id are versions of one tariff: each applies to transactions starting from its <see cref="ValidFrom"/>.
/// </summary>
public sealed class TariffOptions
{
    public string Id { get; set; } = "";

    /// <summary>Version number CDRs name (default 1); unique per tariff id, rising with <see cref="ValidFrom"/>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>From when this version applies (ISO 8601 with offset); null: always (only one version of an id may leave it out).</summary>
    [ConfigurationKeyName("valid-from")]
    public DateTimeOffset? ValidFrom { get; set; }

    [ConfigurationKeyName("energy-price-per-kwh")]
    public decimal EnergyPricePerKwh { get; set; }

    /// <summary>Price per hour of charging (energy flowing; default 0).</summary>
    [ConfigurationKeyName("time-price-per-hour")]
    public decimal TimePricePerHour { get; set; }

    /// <summary>Fixed fee per transaction (default 0).</summary>
    [ConfigurationKeyName("session-fee")]
    public decimal SessionFee { get; set; }

    /// <summary>Price per minute of billable idle time after <see cref="IdleGracePeriod"/> (default 0).</summary>
    [ConfigurationKeyName("idle-price-per-minute")]
    public decimal IdlePricePerMinute { get; set; }

    /// <summary>Billable idle time that is free per transaction (default 0s).</summary>
    [ConfigurationKeyName("idle-grace-period")]
    public TimeSpan IdleGracePeriod { get; set; }

    /// <summary>Prices for times of day; where none applies, this tariff's own prices do.</summary>
    [ConfigurationKeyName("time-windows")]
    public List<TariffTimeWindowOptions> TimeWindows { get; set; } = [];
}
