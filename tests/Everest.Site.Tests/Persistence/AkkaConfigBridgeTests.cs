using System.Collections;
using Akka.Configuration;
using Everest.Site.Configuration;
using Everest.Site.Persistence;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Tests.Persistence;

/// <summary>The <c>akka { … }</c> section of the site's HOCON reaches Akka with every value meaning what it said.</summary>
public sealed class AkkaConfigBridgeTests
{
    private static Config Bridge(string hocon, IDictionary? environment = null)
    {
        using var file = new TempConfig(hocon);
        return AkkaConfigBridge.FromConfiguration(SiteConfiguration.Load(file.Path, environment: environment ?? new Hashtable()));
    }

    [Fact]
    public void Strings_numbers_booleans_durations_and_sizes_read_as_akka_reads_them()
    {
        var config = Bridge("""
            akka {
              loglevel = DEBUG
              stdout-loglevel = "WARNING"
              actor.ask-timeout = 7s
              persistence.max-concurrent-recoveries = 12
              log-dead-letters-during-shutdown = false
              log-config-on-start = on
              scheduler.tick-duration = 10ms
              io.tcp.direct-buffer-size = 128 KiB
              coordinated-shutdown.phases.before-service-unbind.timeout = 1.5 minutes
              persistence.journal.sql.tag-separator = ";"
            }
            """);

        Assert.Equal("DEBUG", config.GetString("akka.loglevel"));
        Assert.Equal("WARNING", config.GetString("akka.stdout-loglevel"));
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.actor.ask-timeout"));
        Assert.Equal(12, config.GetInt("akka.persistence.max-concurrent-recoveries"));
        Assert.False(config.GetBoolean("akka.log-dead-letters-during-shutdown", true));
        Assert.True(config.GetBoolean("akka.log-config-on-start"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.GetTimeSpan("akka.scheduler.tick-duration"));
        Assert.Equal(128 * 1024, config.GetByteSize("akka.io.tcp.direct-buffer-size"));
        Assert.Equal(TimeSpan.FromSeconds(90), config.GetTimeSpan("akka.coordinated-shutdown.phases.before-service-unbind.timeout"));
        Assert.Equal(";", config.GetString("akka.persistence.journal.sql.tag-separator"));
    }

    [Fact]
    public void Lists_and_lists_of_objects_stay_lists_in_order()
    {
        var config = Bridge("""
            akka {
              loggers = ["Akka.Event.DefaultLogger, Akka", "Akka.Event.StandardOutLogger, Akka"]
              extensions = [ { name = first, weight = 2 }, { name = second, weight = 1 } ]
              numbers = [3, 1, 2, 10, 4, 5, 6, 7, 8, 9, 11]
            }
            """);

        Assert.Equal(["Akka.Event.DefaultLogger, Akka", "Akka.Event.StandardOutLogger, Akka"], config.GetStringList("akka.loggers"));
        Assert.Equal(["first", "second"], config.GetValue("akka.extensions").GetArray().Select(o => o.GetObject().GetKey("name").GetString()));
        Assert.Equal([3, 1, 2, 10, 4, 5, 6, 7, 8, 9, 11], config.GetIntList("akka.numbers"));
    }

    [Fact]
    public void Nested_objects_dashed_keys_and_quoted_keys_with_dots_keep_their_paths()
    {
        var config = Bridge("""
            akka.actor {
              serializers { evse-history = "My.Serializer, my-assembly" }
              serialization-bindings { "Everest.Site.Domain.Evse.History.IEvseHistoryEvent, Everest.Site.Domain" = evse-history }
              deployment { "/site/evse-*" { dispatcher = evse-dispatcher } }
            }
            """);

        Assert.Equal("My.Serializer, my-assembly", config.GetString("akka.actor.serializers.evse-history"));
        var bindings = config.GetConfig("akka.actor.serialization-bindings").AsEnumerable().ToDictionary(p => p.Key, p => p.Value.GetString());
        Assert.Equal("evse-history", bindings["Everest.Site.Domain.Evse.History.IEvseHistoryEvent, Everest.Site.Domain"]);
        var deployment = config.GetConfig("akka.actor.deployment").AsEnumerable().Single();
        Assert.Equal("/site/evse-*", deployment.Key);
        Assert.Equal("evse-dispatcher", deployment.Value.GetObject().GetKey("dispatcher").GetString());
    }

    [Fact]
    public void Strings_with_quotes_backslashes_and_hocon_syntax_arrive_verbatim()
    {
        var config = Bridge("""
            akka.persistence.journal.sql.connection-string = "Host=db;Password=a\"b\\c{d}$e#f,g=h"
            """);

        Assert.Equal("Host=db;Password=a\"b\\c{d}$e#f,g=h", config.GetString("akka.persistence.journal.sql.connection-string"));
    }

    [Fact]
    public void Environment_substitutions_and_overrides_reach_akka()
    {
        var config = Bridge(
            "akka.loglevel = ${?AKKA_LOGLEVEL}\nakka.actor.ask-timeout = 5s\n",
            new Hashtable { ["AKKA_LOGLEVEL"] = "ERROR", ["EVERESTSITE_akka__actor__ask-timeout"] = "9s" });

        Assert.Equal("ERROR", config.GetString("akka.loglevel"));
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetTimeSpan("akka.actor.ask-timeout"));
    }

    [Fact]
    public void Without_an_akka_section_akka_gets_nothing()
    {
        using var file = new TempConfig("everest-site.site-id = x\n");
        var withoutDefaults = SiteConfiguration.Load(file.Path, includeDefaults: false, environment: new Hashtable());

        Assert.True(AkkaConfigBridge.FromConfiguration(withoutDefaults).IsEmpty);
    }

    [Fact]
    public void Reference_conf_keeps_akkas_console_logger_off_stdout()
    {
        var config = Bridge("everest-site.site-id = x\n");

        Assert.Equal("OFF", config.GetString("akka.stdout-loglevel"));
        Assert.Equal("off", config.GetString("akka.log-dead-letters-during-shutdown"));
    }

    [Fact]
    public void Only_the_akka_section_is_handed_over()
    {
        var config = Bridge("akka.loglevel = INFO\neverest-site.site-id = depot\n");

        Assert.Equal("INFO", config.GetString("akka.loglevel"));
        Assert.False(config.HasPath("everest-site"));
    }

    [Fact]
    public void Works_from_any_configuration_not_only_hocon()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["akka:loglevel"] = "WARNING",
            ["akka:cluster:seed-nodes:0"] = "akka.tcp://site@10.0.0.1:4053",
            ["akka:cluster:seed-nodes:1"] = "akka.tcp://site@10.0.0.2:4053",
        }).Build();

        var config = AkkaConfigBridge.FromConfiguration(configuration);

        Assert.Equal("WARNING", config.GetString("akka.loglevel"));
        Assert.Equal(["akka.tcp://site@10.0.0.1:4053", "akka.tcp://site@10.0.0.2:4053"], config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void An_empty_list_or_null_reaches_akka_as_null_which_akka_reads_as_empty()
    {
        var config = Bridge("akka { loggers = [], loglevel = null }\n");

        Assert.Empty(config.GetStringList("akka.loggers"));
        Assert.Null(config.GetString("akka.loglevel"));
    }
}
