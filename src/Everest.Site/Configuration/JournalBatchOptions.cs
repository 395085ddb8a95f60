using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.batch</c>: group commit of journal writes.</summary>
public sealed class JournalBatchOptions
{
    /// <summary>Most events written in one transaction.</summary>
    [ConfigurationKeyName("max-size")]
    public int MaxSize { get; set; }

    /// <summary>Longest a write waits for others to share its transaction.</summary>
    [ConfigurationKeyName("max-delay")]
    public TimeSpan MaxDelay { get; set; }
}
