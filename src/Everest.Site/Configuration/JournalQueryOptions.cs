using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.query</c>: live event queries by tag (projections).</summary>
public sealed class JournalQueryOptions
{
    /// <summary>
    /// How often a live query looks for new events (the SQL read journal's <c>refresh-interval</c> and
    /// <c>journal-sequence-retrieval.query-delay</c>): the longest a projection lags behind the journal when idle.
    /// </summary>
    [ConfigurationKeyName("poll-interval")]
    public TimeSpan PollInterval { get; set; }
}
