using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Everest.Site.Tests.Persistence;

/// <summary><c>everest-site.persistence</c> becomes the Akka settings it promises, for tests and production alike.</summary>
public sealed class SitePersistenceConfigTests
{
    [Fact]
    public void Sqlite_options_map_onto_the_sql_journal_snapshot_store_and_read_journal()
    {
        var options = PersistenceOptionsFor.Load("""
            provider = sqlite
            sqlite.path = "data/box.db"
            batch { max-size = 250, parallelism = 2, buffer-size = 4000 }
            recovery { replay-batch-size = 300, max-concurrent = 7 }
            query.poll-interval = 250ms
            """);

        var config = SitePersistenceConfig.For(options);

        Assert.Equal(SitePersistenceConfig.SqlJournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(SitePersistenceConfig.SqlSnapshotStorePluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        var journal = config.GetConfig(SitePersistenceConfig.SqlJournalPluginId);
        Assert.Equal("SQLite.MS", journal.GetString("provider-name"));
        Assert.Equal(new SqliteConnectionStringBuilder(journal.GetString("connection-string")).DataSource, Path.GetFullPath("data/box.db"));
        Assert.Equal(250, journal.GetInt("batch-size"));
        Assert.Equal(2, journal.GetInt("parallelism"));
        Assert.Equal(4000, journal.GetInt("buffer-size"));
        Assert.Equal(300, journal.GetInt("replay-batch-size"));
        Assert.Equal("TagTable", journal.GetString("tag-write-mode"));
        Assert.True(journal.GetBoolean("auto-initialize"));
        Assert.Equal(7, config.GetInt("akka.persistence.max-concurrent-recoveries"));
        Assert.True(config.GetConfig(SitePersistenceConfig.SqlSnapshotStorePluginId).GetBoolean("auto-initialize"));
        var query = config.GetConfig(SitePersistenceConfig.ReadJournalPluginId);
        Assert.Equal(SitePersistenceConfig.SqlJournalPluginId, query.GetString("write-plugin"));
        Assert.Equal("TagTable", query.GetString("tag-read-mode"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), query.GetTimeSpan("refresh-interval"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), query.GetTimeSpan("journal-sequence-retrieval.query-delay"));
        Assert.Equal(journal.GetString("connection-string"), query.GetString("connection-string"));

        // Akka.Persistence.Sql's own defaults sit underneath.
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", journal.GetString("class"));
        Assert.IsType<DataOptionsSetup>(SitePersistenceConfig.ConnectionSetup(options));
    }

    [Fact]
    public void A_postgresql_connection_string_reaches_every_sql_plugin_verbatim()
    {
        const string connectionString = "Host=db.example;Username=site;Password=p\"a;ss\\w{o}rd${x}#1";
        var options = PersistenceOptionsFor.Postgresql(connectionString);

        var config = SitePersistenceConfig.For(options);

        foreach (var plugin in new[] { SitePersistenceConfig.SqlJournalPluginId, SitePersistenceConfig.SqlSnapshotStorePluginId, SitePersistenceConfig.ReadJournalPluginId })
        {
            Assert.Equal(connectionString, config.GetString($"{plugin}.connection-string"));
            Assert.Equal("PostgreSQL.15", config.GetString($"{plugin}.provider-name"));
        }

        Assert.Null(SitePersistenceConfig.ConnectionSetup(options));
    }

    [Fact]
    public void The_memory_provider_uses_akkas_in_memory_plugins_with_the_same_tagging()
    {
        var config = SitePersistenceConfig.For(PersistenceOptionsFor.Memory());

        Assert.Equal(SitePersistenceConfig.MemoryJournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(SitePersistenceConfig.MemorySnapshotStorePluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("evse-tags", config.GetString($"{SitePersistenceConfig.MemoryJournalPluginId}.event-adapter-bindings.\"{typeof(IEvseHistoryEvent).FullName}, {typeof(IEvseHistoryEvent).Assembly.GetName().Name}\""));
        Assert.Null(SitePersistenceConfig.ConnectionSetup(PersistenceOptionsFor.Memory()));
    }

    [Fact]
    public void An_actor_on_the_memory_provider_recovers_within_the_actor_system()
    {
        using var kit = new Akka.TestKit.Xunit2.TestKit(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()));
        var history = EvseHistorySamples.Session(1);
        var first = kit.Sys.ActorOf(HistoryRecorder.Props("evse-memory"));
        kit.Watch(first);
        first.Tell(new HistoryRecorder.Record(history), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.Recorded>();
        kit.Sys.Stop(first);
        kit.ExpectTerminated(first);

        kit.Sys.ActorOf(HistoryRecorder.Props("evse-memory")).Tell(new HistoryRecorder.Report(), kit.TestActor);

        Assert.Equal(EvseHistoryState.Replay(history), kit.ExpectMsg<HistoryRecorder.Recovered>().State);
    }

    [Fact]
    public void Test_settings_given_to_the_actor_system_win_over_the_persistence_settings()
    {
        var setup = SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory(), ConfigurationFactory.ParseString("akka.persistence.max-concurrent-recoveries = 3"));

        using var system = ActorSystem.Create("override", setup);

        Assert.Equal(3, system.Settings.Config.GetInt("akka.persistence.max-concurrent-recoveries"));
        Assert.Equal(SitePersistenceConfig.MemoryJournalPluginId, system.Settings.Config.GetString("akka.persistence.journal.plugin"));
    }

    [Fact]
    public async Task The_hosting_registration_persists_and_recovers_exactly_like_the_test_setup()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-hosting-");
        try
        {
            var path = Path.Combine(folder.FullName, "box", "site.db");
            var options = PersistenceOptionsFor.Sqlite(path, "sqlite.synchronous = normal");
            var history = EvseHistorySamples.Session(2);

            await RunHostAsync(options, async system =>
            {
                var recorded = await system.ActorOf(HistoryRecorder.Props("evse-hosted")).Ask<HistoryRecorder.Recorded>(new HistoryRecorder.Record(history), TimeSpan.FromSeconds(30));
                Assert.Equal(history.Count, recorded.LastSequenceNr);
                Assert.IsType<EvseHistorySerializer>(system.Serialization.FindSerializerForType(typeof(EvseHistoryState)));
                Assert.True(system.Settings.Setup.Get<DataOptionsSetup>().HasValue);
            });

            await RunHostAsync(options, async system =>
            {
                var recovered = await system.ActorOf(HistoryRecorder.Props("evse-hosted")).Ask<HistoryRecorder.Recovered>(new HistoryRecorder.Report(), TimeSpan.FromSeconds(30));
                Assert.Equal(history, recovered.ReplayedEvents);
            });

            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", command.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task RunHostAsync(Everest.Site.Configuration.PersistenceOptions options, Func<ActorSystem, Task> use)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("site", builder => builder.WithSitePersistence(options)))
            .Build();
        await host.StartAsync();
        try
        {
            await use(host.Services.GetRequiredService<ActorSystem>());
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
