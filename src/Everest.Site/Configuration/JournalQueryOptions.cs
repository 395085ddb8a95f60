using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.query</c>: live event queries (projections).</summary>
public sealed class JournalQueryOptions
{
    /// <summary>How often a live query polls the journal for new events.</summary>
    [ConfigurationKeyName("poll-interval")]
    public TimeSpan PollInterval { get; set; }
}
