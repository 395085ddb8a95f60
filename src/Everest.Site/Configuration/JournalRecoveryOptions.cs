using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.recovery</c>: how persistent actors read their history back on start.</summary>
public sealed class JournalRecoveryOptions
{
    /// <summary>Events read per database round trip while replaying (Akka.Persistence.Sql <c>replay-batch-size</c>).</summary>
    [ConfigurationKeyName("replay-batch-size")]
    public int ReplayBatchSize { get; set; }

    /// <summary>Actors recovering at the same time (Akka.Persistence <c>max-concurrent-recoveries</c>).</summary>
    [ConfigurationKeyName("max-concurrent")]
    public int MaxConcurrent { get; set; }
}
