using System.Collections;
using System.Text;
using Everest.Site.Actors.Persistence;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Persistence.Sql;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Tests.Hosting;

/// <summary>The site's HOCON settings reach the libraries they configure, and those libraries work with them.</summary>
public sealed class LibrarySettingsTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    private static EverestSiteOptions SiteConfWith(string overrides, IDictionary? environment = null)
    {
        var site = RepositoryFiles.Hocon("site.conf").Replace("\\", "/", StringComparison.Ordinal);
        using var file = new TempConfig($"include file(\"{site}\")\n{overrides}\n");
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: environment ?? NoEnvironment));
    }

    [Fact]
    public void Persistence_keys_map_onto_the_sql_journal_settings()
    {
        var options = SiteConfWith("""
            everest-site.persistence {
              provider = postgresql
              postgresql.connection-string = ${?EVEREST_SITE_PG}
              batch.max-size = 250
              query.poll-interval = 250ms
            }
            """, new Hashtable { ["EVEREST_SITE_PG"] = "Host=db.example;Username=site" });

        var settings = LibrarySettings.ForJournal(options.Persistence);

        Assert.NotNull(settings);
        Assert.Equal(SqlProvider.PostgreSql, settings.Provider);
        Assert.Equal("Host=db.example;Username=site", settings.PostgreSqlConnectionString);
        Assert.Equal(250, settings.BatchMaxSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.QueryPollInterval);
        settings.Validate();
    }

    [Fact]
    public void The_memory_provider_needs_no_sql_settings()
    {
        var options = SiteConfWith("everest-site.persistence.provider = memory");
        Assert.Null(LibrarySettings.ForJournal(options.Persistence));
    }

    [Fact]
    public async Task A_sqlite_journal_opened_from_the_site_file_stores_and_replays_events_with_the_configured_durability()
    {
        var folder = Directory.CreateTempSubdirectory("everest-site-db-");
        try
        {
            var path = Path.Combine(folder.FullName, "nested", "site.db").Replace("\\", "/", StringComparison.Ordinal);
            var options = SiteConfWith($"everest-site.persistence {{ provider = sqlite, sqlite {{ path = \"{path}\", synchronous = normal }} }}");

            await using (var persistence = await SitePersistence.OpenAsync(options.Persistence))
            {
                var repr = new PersistentRepr("evse-cp-1-1", 1, "test.v1", Encoding.UTF8.GetBytes("{}"), ["billing"], DateTimeOffset.UnixEpoch, Guid.NewGuid());
                await persistence.Journal.WriteAsync(new AtomicWrite([repr]));

                await using var connection = await persistence.Sql!.OpenConnectionAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode";
                Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
                command.CommandText = "PRAGMA synchronous";
                Assert.Equal(1L, (long?)await command.ExecuteScalarAsync()); // NORMAL
            }

            Assert.True(File.Exists(path));
            await using (var reopened = await SitePersistence.OpenAsync(options.Persistence))
            {
                var replayed = new List<PersistentRepr>();
                await foreach (var repr in reopened.Journal.ReplayAsync("evse-cp-1-1", 1, long.MaxValue, long.MaxValue))
                {
                    replayed.Add(repr);
                }

                Assert.Equal("test.v1", Assert.Single(replayed).Manifest);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_mqtt_section_connects_the_mqtt_client_to_a_real_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var options = SiteConfWith($"everest-site.mqtt {{ host = \"{broker.Host}\", port = {broker.Port}, client-id = settings-test, keep-alive = 10s }}");

        var mosquitto = LibrarySettings.ForMqttClient(options.Mqtt);
        Assert.False(mosquitto.CleanSession);
        Assert.Equal(TimeSpan.FromSeconds(10), mosquitto.KeepAlive);
        Assert.Equal("everest-site/depot-1/status", mosquitto.LastWill?.Topic);
        Assert.Empty(mosquitto.Validate());

        await using var transport = new MqttNetTransport(mosquitto);
        var received = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = transport.OnMessage(message => received.TrySetResult(message));
        await transport.ConnectAsync();
        await transport.SubscribeAsync("everest_api/1/+/+/e2m/heartbeat");
        await transport.PublishAsync(new MqttMessage("everest_api/1/system/system_api_cp1/e2m/heartbeat", "7"u8.ToArray(), MqttQos.AtLeastOnce));

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("7", Encoding.UTF8.GetString(message.Payload.Span));
    }

    [Fact]
    public void The_everest_api_section_maps_every_timing_including_the_reply_deadline()
    {
        var options = SiteConfWith("everest-site.everest-api { request-timeout = 3s, communication-check-interval = 1500ms, heartbeat-timeout = 4s, reply-deadline = 500ms }");

        var api = LibrarySettings.ForEverestApi(options.EverestApi);

        Assert.Equal(TimeSpan.FromSeconds(3), api.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), api.CommunicationCheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), api.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), api.ReplyDeadline);
    }

    [Fact]
    public void A_reply_deadline_EVerest_would_not_wait_for_is_refused_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => SiteConfWith("everest-site.everest-api.reply-deadline = 2s"));
        Assert.Contains(error.Problems, p => p.Key == "everest-site:everest-api:reply-deadline");
    }
}
