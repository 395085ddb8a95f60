using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence</c>: the event journal, snapshots and the read side (Akka.Persistence.Sql).</summary>
public sealed class PersistenceOptions
{
    public PersistenceProvider Provider { get; set; }

    public SqliteOptions Sqlite { get; set; } = new();

    public PostgresqlOptions Postgresql { get; set; } = new();

    public JournalBatchOptions Batch { get; set; } = new();

    public JournalRecoveryOptions Recovery { get; set; } = new();

    public JournalQueryOptions Query { get; set; } = new();

    /// <summary>A persistent actor saves a snapshot after this many events.</summary>
    [ConfigurationKeyName("snapshot-every")]
    public int SnapshotEvery { get; set; }

    [ConfigurationKeyName("meter-sample")]
    public MeterSampleOptions MeterSample { get; set; } = new();
}
