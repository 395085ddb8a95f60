using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.reservations</c>.</summary>
public sealed class ReservationsOptions
{
    /// <summary>A reservation made without an expiry ends after this long (EvseManager has no expiry of its own).</summary>
    [ConfigurationKeyName("default-expiry")]
    public TimeSpan DefaultExpiry { get; set; }
}
