using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Journal;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Everest.Site.Configuration;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Firmware.Events;
using Everest.Site.Firmware.RolloutEvents;
using Everest.Site.Site.Events;
using LinqToDB;

namespace Everest.Site.Persistence;

/// <summary>
/// The site's Akka.Persistence settings, derived from <c>everest-site.persistence</c>: which journal and snapshot store
/// (Akka.Persistence.Sql on SQLite or PostgreSQL, or Akka's in-memory plugins), their tuning, the SQL read journal
/// for queries by tag, the <see cref="EvseHistorySerializer"/> bindings and the <see cref="EvseHistoryTagging"/> adapter.
/// Production (<see cref="SitePersistenceHosting.WithSitePersistence"/>) and tests (<see cref="ActorSystemSetup"/>)
/// both take their settings from here.
/// </summary>
public static class SitePersistenceConfig
{
    /// <summary>The SQL journal plugin (SQLite and PostgreSQL).</summary>
    public const string SqlJournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The SQL snapshot store plugin (SQLite and PostgreSQL).</summary>
    public const string SqlSnapshotStorePluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>The SQL read journal (<c>PersistenceQuery.Get(system).ReadJournalFor&lt;SqlReadJournal&gt;(ReadJournalPluginId)</c>).</summary>
    public const string ReadJournalPluginId = "akka.persistence.query.journal.sql";

    /// <summary>Akka's in-memory journal (provider <c>memory</c>).</summary>
    public const string MemoryJournalPluginId = "akka.persistence.journal.inmem";

    /// <summary>Akka's in-memory snapshot store (provider <c>memory</c>).</summary>
    public const string MemorySnapshotStorePluginId = "akka.persistence.snapshot-store.inmem";

    private const string SerializerName = "evse-history";
    private const string SiteSerializerName = "site-events";
    private const string BillingSerializerName = "billing-events";
    private const string SystemSerializerName = "system-events";
    private const string RolloutSerializerName = "rollout-events";
    private const string TaggingAdapterName = "evse-tags";

    /// <summary>
    /// The HOCON part of the settings, with Akka.Persistence.Sql's defaults underneath. For SQLite this is not all:
    /// the connection pragmas come with <see cref="ConnectionSetup"/>, so start an actor system with
    /// <see cref="ActorSystemSetup"/> (or <see cref="SitePersistenceHosting.WithSitePersistence"/>), which add both.
    /// </summary>
    public static Config For(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hocon = new StringBuilder();
        AppendSerialization(hocon);
        switch (options.Provider)
        {
            case PersistenceProvider.Sqlite:
                AppendSql(hocon, options, new SqliteDatabaseFile(options.Sqlite).ConnectionString, ProviderName.SQLiteMS);
                break;
            case PersistenceProvider.Postgresql:
                AppendSql(hocon, options, options.Postgresql.ConnectionString ?? throw MissingConnectionString(), ProviderName.PostgreSQL15);
                break;
            case PersistenceProvider.Memory:
                AppendMemory(hocon, options);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "everest-site.persistence.provider has an unknown value.");
        }

        var config = ConfigurationFactory.ParseString(hocon.ToString());
        return options.Provider == PersistenceProvider.Memory ? config : config.WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// What the SQL plugins need besides HOCON: for SQLite, linq2db connection options that prepare the file (folder
    /// 0700, file 0600, WAL) before the first connection and set <c>synchronous</c> and <c>busy_timeout</c> on each.
    /// Null when nothing is needed (PostgreSQL, memory).
    /// </summary>
    public static Setup? ConnectionSetup(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != PersistenceProvider.Sqlite)
        {
            return null;
        }

        var database = new SqliteDatabaseFile(options.Sqlite);
        return new DataOptionsSetup(SqliteDataOptions(database));
    }

    /// <summary>
    /// Everything an actor system needs to persist as the site does: <see cref="For"/> under <paramref name="config"/>
    /// (which wins where both set a key), plus <see cref="ConnectionSetup"/>. Feed it to <c>ActorSystem.Create</c> or
    /// to a TestKit.
    /// </summary>
    public static ActorSystemSetup ActorSystemSetup(PersistenceOptions options, Config? config = null)
    {
        var persistence = For(options);
        var bootstrap = BootstrapSetup.Create().WithConfig(config is null ? persistence : config.WithFallback(persistence));
        var connections = ConnectionSetup(options);
        return connections is null ? Akka.Actor.Setup.ActorSystemSetup.Create(bootstrap) : bootstrap.And(connections);
    }

    internal static DataOptions SqliteDataOptions(SqliteDatabaseFile database) =>
        new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, database.ConnectionString)
            .UseInterceptor(new SqliteConnectionSetup(database));

    private static void AppendSerialization(StringBuilder hocon)
    {
        hocon.AppendLine(CultureInfo.InvariantCulture, $$"""
            akka.actor {
              serializers {
                {{SerializerName}} = {{Quote(TypeName(typeof(EvseHistorySerializer)))}}
                {{SiteSerializerName}} = {{Quote(TypeName(typeof(SiteEventSerializer)))}}
                {{BillingSerializerName}} = {{Quote(TypeName(typeof(BillingEventSerializer)))}}
                {{SystemSerializerName}} = {{Quote(TypeName(typeof(SystemEventSerializer)))}}
                {{RolloutSerializerName}} = {{Quote(TypeName(typeof(RolloutEventSerializer)))}}
              }
              serialization-bindings {
                {{Quote(TypeName(typeof(IEvseHistoryEvent)))}} = {{SerializerName}}
                {{Quote(TypeName(typeof(EvseHistoryState)))}} = {{SerializerName}}
                {{Quote(TypeName(typeof(ISiteEvent)))}} = {{SiteSerializerName}}
                {{Quote(TypeName(typeof(SessionCorrected)))}} = {{BillingSerializerName}}
                {{Quote(TypeName(typeof(ISystemEvent)))}} = {{SystemSerializerName}}
                {{Quote(TypeName(typeof(IRolloutEvent)))}} = {{RolloutSerializerName}}
                {{Quote(TypeName(typeof(FirmwareRolloutSnapshot)))}} = {{RolloutSerializerName}}
              }
              serialization-identifiers {
                {{Quote(TypeName(typeof(EvseHistorySerializer)))}} = {{EvseHistorySerializer.SerializerId}}
                {{Quote(TypeName(typeof(SiteEventSerializer)))}} = {{SiteEventSerializer.SerializerId}}
                {{Quote(TypeName(typeof(BillingEventSerializer)))}} = {{BillingEventSerializer.SerializerId}}
                {{Quote(TypeName(typeof(SystemEventSerializer)))}} = {{SystemEventSerializer.SerializerId}}
                {{Quote(TypeName(typeof(RolloutEventSerializer)))}} = {{RolloutEventSerializer.SerializerId}}
              }
            }
            """);
    }

    private static void AppendSql(StringBuilder hocon, PersistenceOptions options, string connectionString, string providerName)
    {
        var connection = $"connection-string = {Quote(connectionString)}\n provider-name = {Quote(providerName)}";
        var pollInterval = Duration(options.Query.PollInterval);
        hocon.AppendLine(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              max-concurrent-recoveries = {{options.Recovery.MaxConcurrent}}
              journal {
                plugin = {{Quote(SqlJournalPluginId)}}
                sql {
                  {{connection}}
                  auto-initialize = true
                  tag-write-mode = TagTable
                  batch-size = {{options.Batch.MaxSize}}
                  parallelism = {{options.Batch.Parallelism}}
                  buffer-size = {{options.Batch.BufferSize}}
                  replay-batch-size = {{options.Recovery.ReplayBatchSize}}
                  {{EventAdapters()}}
                }
              }
              snapshot-store {
                plugin = {{Quote(SqlSnapshotStorePluginId)}}
                sql {
                  {{connection}}
                  auto-initialize = true
                }
              }
              query.journal.sql {
                {{connection}}
                write-plugin = {{Quote(SqlJournalPluginId)}}
                tag-read-mode = TagTable
                refresh-interval = {{pollInterval}}
                journal-sequence-retrieval.query-delay = {{pollInterval}}
                replay-batch-size = {{options.Recovery.ReplayBatchSize}}
              }
            }
            """);
    }

    private static void AppendMemory(StringBuilder hocon, PersistenceOptions options)
    {
        hocon.AppendLine(CultureInfo.InvariantCulture, $$"""
            akka.persistence {
              max-concurrent-recoveries = {{options.Recovery.MaxConcurrent}}
              journal {
                plugin = {{Quote(MemoryJournalPluginId)}}
                inmem {
                  {{EventAdapters()}}
                  # The in-memory journal replays the Tagged wrapper it was given; the adapter unwraps it.
                  event-adapter-bindings { {{Quote(TypeName(typeof(Tagged)))}} = {{TaggingAdapterName}} }
                }
              }
              snapshot-store.plugin = {{Quote(MemorySnapshotStorePluginId)}}
            }
            """);
    }

    // Akka's HOCON parser wants a new line, not a comma, between the fields of an object.
    private static string EventAdapters() =>
        $"event-adapters {{ {TaggingAdapterName} = {Quote(TypeName(typeof(EvseHistoryTagging)))} }}\n" +
        $"event-adapter-bindings {{ {Quote(TypeName(typeof(IEvseHistoryEvent)))} = {TaggingAdapterName} }}";

    /// <summary>"Namespace.Type, Assembly": how Akka names a type in HOCON, without version or key.</summary>
    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>A HOCON quoted string: JSON string syntax, so any connection string is safe inside it.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>A duration in whole milliseconds (at least 1), which Akka reads exactly.</summary>
    private static string Duration(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1L, (long)Math.Ceiling(value.TotalMilliseconds))}ms");

    private static ArgumentException MissingConnectionString() =>
        new("everest-site.persistence.postgresql.connection-string is required when persistence.provider is postgresql.");
}
