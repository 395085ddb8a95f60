using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.batch</c>: how the SQL journal groups writes into transactions.</summary>
public sealed class JournalBatchOptions
{
    /// <summary>Most events written in one transaction (Akka.Persistence.Sql <c>batch-size</c>).</summary>
    [ConfigurationKeyName("max-size")]
    public int MaxSize { get; set; }

    /// <summary>Write transactions in flight at once (Akka.Persistence.Sql <c>parallelism</c>).</summary>
    public int Parallelism { get; set; }

    /// <summary>Writes waiting for a transaction before new ones are rejected (Akka.Persistence.Sql <c>buffer-size</c>).</summary>
    [ConfigurationKeyName("buffer-size")]
    public int BufferSize { get; set; }
}
