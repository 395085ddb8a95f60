using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.allocation</c>: how the site shares its current.</summary>
public sealed class AllocationOptions
{
    /// <summary>The allocator also runs on this period, besides every relevant change.</summary>
    public TimeSpan Tick { get; set; }

    /// <summary>Below this current an EVSE is paused rather than throttled (EVs need about 6 A).</summary>
    [ConfigurationKeyName("min-current-a")]
    public double MinCurrentA { get; set; }

    /// <summary>A paused EVSE stays paused at least this long (protects contactors).</summary>
    [ConfigurationKeyName("min-pause")]
    public TimeSpan MinPause { get; set; }

    /// <summary>A resumed EVSE charges at least this long before it may be paused again.</summary>
    [ConfigurationKeyName("min-charge")]
    public TimeSpan MinCharge { get; set; }

    /// <summary>When EVSEs of equal priority must take turns, each turn lasts this long.</summary>
    public TimeSpan Rotation { get; set; }

    /// <summary>The current every limit schedule falls back to if the controller stops renewing it.</summary>
    [ConfigurationKeyName("fallback-current-a")]
    public double FallbackCurrentA { get; set; }

    /// <summary>How far ahead the fallback entry of each limit schedule starts.</summary>
    [ConfigurationKeyName("fallback-after")]
    public TimeSpan FallbackAfter { get; set; }

    /// <summary>How long a lowering may take to show in the EVSE's meter before it counts as not done (worst case, sent again).</summary>
    [ConfigurationKeyName("lowering-timeout")]
    public TimeSpan LoweringTimeout { get; set; }
}
