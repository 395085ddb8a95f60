using System.Collections;
using Everest.Site.Configuration;

namespace Everest.Site.Tests;

/// <summary>Bad configuration fails start-up naming the key and the file:line (or variable) the value came from.</summary>
public sealed class ValidationTests
{
    private const string OneCharger = """
        everest-site {
          circuits = [ { id = board-a, parent = grid, max-current-a = 63 } ]
          chargers = [
            { id = cp-1, system-module-id = sys-1, evses = [
                { id = e-1, module-id = m-1, circuit = board-a }
                { id = e-2, module-id = m-2, circuit = board-a } ] }
          ]
        }

        """;

    private static ConfigurationException Fails(string text, IDictionary? environment = null)
    {
        using var file = new TempConfig(OneCharger + text);
        var configuration = SiteConfiguration.Load(file.Path, environment: environment ?? new Hashtable());
        var error = Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration));
        return error;
    }

    private static ConfigurationProblem Problem(ConfigurationException error, string key) =>
        error.Problems.SingleOrDefault(p => p.Key == key)
        ?? throw new Xunit.Sdk.XunitException($"no problem for {key}; problems: {string.Join(" | ", error.Problems)}");

    [Fact]
    public void The_base_configuration_of_these_tests_is_valid()
    {
        using var file = new TempConfig(OneCharger);
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable()));
        Assert.Equal(2, options.Chargers[0].Evses.Count);
    }

    [Fact]
    public void A_wrong_type_names_the_key_and_the_file_and_line_it_came_from()
    {
        var error = Fails("everest-site.grid {\n  max-current-a = \"lots\"\n}");
        var problem = Problem(error, "everest-site:grid:max-current-a");
        Assert.Matches(@"site\.conf:10:19$", problem.Origin);
        Assert.Equal("expected a number, found 'lots'", problem.Message);
        Assert.Contains("everest-site:grid:max-current-a (", error.Message, StringComparison.Ordinal);
        Assert.Contains("site.conf:10:19", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_value_from_an_environment_override_names_the_variable()
    {
        var environment = new Hashtable { ["EVERESTSITE_everest-site__grid__max-current-a"] = "plenty" };
        var problem = Problem(Fails("", environment), "everest-site:grid:max-current-a");
        Assert.Equal("environment variable EVERESTSITE_everest-site__grid__max-current-a", problem.Origin);
    }

    [Fact]
    public void An_environment_override_wins_over_the_file()
    {
        using var file = new TempConfig(OneCharger + "everest-site.grid.max-current-a = 63");
        var environment = new Hashtable { ["EVERESTSITE_everest-site__grid__max-current-a"] = "100", ["EVERESTSITE_EVEREST-SITE__CHARGERS__0__EVSES__1__PRIORITY"] = "3" };
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: environment));
        Assert.Equal(100, options.Grid.MaxCurrentA);
        Assert.Equal(3, options.Chargers[0].Evses[1].Priority);
    }

    [Fact]
    public void Environment_overrides_and_defaults_are_left_out_without_defaults()
    {
        using var file = new TempConfig("everest-site.grid.max-current-a = 63\neverest-site.site-id = ${?SITE}");
        var environment = new Hashtable { ["EVERESTSITE_everest-site__grid__max-current-a"] = "100", ["SITE"] = "from-env" };
        var configuration = SiteConfiguration.Load(file.Path, includeDefaults: false, environment: environment);
        Assert.Equal("63", configuration["everest-site:grid:max-current-a"]);
        Assert.Equal("from-env", configuration["everest-site:site-id"]);
        Assert.Null(configuration["everest-site:mqtt:port"]);
    }

    [Fact]
    public void An_unknown_key_is_reported_with_the_keys_that_exist()
    {
        var problem = Problem(Fails("everest-site.grid.max-curent-a = 10"), "everest-site:grid:max-curent-a");
        Assert.Contains("unknown key 'max-curent-a'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("max-current-a", problem.Message, StringComparison.Ordinal);
        Assert.Matches(@"site\.conf:9:", problem.Origin);
    }

    [Fact]
    public void The_removed_batch_delay_is_reported_as_unknown_so_an_old_file_is_noticed()
    {
        // Akka.Persistence.Sql batches whatever is waiting when a transaction starts; it has no wait to configure.
        var problem = Problem(Fails("everest-site.persistence.batch.max-delay = 5ms"), "everest-site:persistence:batch:max-delay");
        Assert.Contains("unknown key 'max-delay'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("parallelism", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("everest-site.allocation.tick = 5", "everest-site:allocation:tick", "expected a duration")]
    [InlineData("everest-site.allocation.tick = soon", "everest-site:allocation:tick", "expected a duration")]
    [InlineData("everest-site.mqtt.port = 18.83", "everest-site:mqtt:port", "expected a whole number")]
    [InlineData("everest-site.mqtt.tls.enabled = yes", "everest-site:mqtt:tls:enabled", "expected true or false")]
    [InlineData("everest-site.persistence.provider = mysql", "everest-site:persistence:provider", "expected one of sqlite, postgresql, memory")]
    [InlineData("everest-site.persistence.sqlite.synchronous = 2", "everest-site:persistence:sqlite:synchronous", "expected one of full, normal, off")]
    [InlineData("everest-site.chargers = x", "everest-site:chargers", "expected an array, found 'x'")]
    [InlineData("everest-site.chargers = { id = x }", "everest-site:chargers", "expected an array, found an object")]
    [InlineData("everest-site.chargers = [ x ]", "everest-site:chargers:0", "expected an object, found 'x'")]
    [InlineData("everest-site.grid = 5", "everest-site:grid", "expected an object")]
    [InlineData("everest-site.grid.max-current-a = [1]", "everest-site:grid:max-current-a", "expected a number, found an object or array")]
    [InlineData("everest-site.firmware.max-download-size = 1 parsec", "everest-site:firmware:max-download-size", "expected a size")]
    [InlineData("everest-site.grid.schedule = [ { days = [mon], from = \"25:00\", to = \"09:00\", max-current-a = 10 } ]", "everest-site:grid:schedule:0:from", "expected a time of day")]
    [InlineData("everest-site.grid.schedule = [ { days = [someday], from = \"08:00\", to = \"09:00\", max-current-a = 10 } ]", "everest-site:grid:schedule:0:days:0", "expected one of mon, tue")]
    public void Values_of_the_wrong_type_are_reported(string text, string key, string expected) =>
        Assert.Contains(expected, Problem(Fails(text), key).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("everest-site.circuits += { id = board-b, parent = nowhere, max-current-a = 32 }", "everest-site:circuits:1:parent", "expected 'grid' or the id of a circuit, found 'nowhere'")]
    [InlineData("everest-site.circuits = [ { id = a, parent = b, max-current-a = 1 }, { id = b, parent = a, max-current-a = 1 }, { id = board-a, max-current-a = 1 } ]", "everest-site:circuits:0:parent", "cycle: a -> b -> a")]
    [InlineData("everest-site.circuits += { id = board-a, max-current-a = 32 }", "everest-site:circuits:1:id", "'board-a' is used more than once")]
    [InlineData("everest-site.circuits += { id = grid, max-current-a = 32 }", "everest-site:circuits:1:id", "'grid' is the name of the grid connection")]
    [InlineData("everest-site.circuits = [ { id = board-a, max-current-a = 0 } ]", "everest-site:circuits:0:max-current-a", "greater than 0")]
    [InlineData("everest-site.chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1, circuit = board-a }, { id = e-1, module-id = m-2 } ] } ]", "everest-site:chargers:0:evses:1:id", "EVSE id 'e-1' is used more than once")]
    [InlineData("everest-site.chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1, circuit = board-a }, { id = e-2, module-id = m-1 } ] } ]", "everest-site:chargers:0:evses:1:module-id", "EVSE module id 'm-1' is used more than once")]
    [InlineData("everest-site.chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1, circuit = board-a }, { id = e-2, module-id = m-2, circuit = board-z } ] } ]", "everest-site:chargers:0:evses:1:circuit", "found 'board-z'")]
    [InlineData("everest-site.chargers = [ { id = cp-1, system-module-id = sys-1, evses = [ { id = e-1, module-id = m-1, circuit = board-a }, { id = e-2, module-id = m-2, priority = -1 } ] } ]", "everest-site:chargers:0:evses:1:priority", "expected 0 or more")]
    [InlineData("everest-site.chargers = [ { id = cp-1, system-module-id = sys-1, evses = [] } ]", "everest-site:chargers:0:evses", "at least one EVSE")]
    [InlineData("everest-site.chargers += { id = cp-1, system-module-id = sys-2, evses = [ { id = e-3, module-id = m-3 } ] }", "everest-site:chargers:1:id", "charger id 'cp-1' is used more than once")]
    [InlineData("everest-site.chargers += { id = cp-2, system-module-id = sys-1, evses = [ { id = e-3, module-id = m-3 } ] }", "everest-site:chargers:1:system-module-id", "'sys-1' is used more than once")]
    [InlineData("everest-site.grid.safety-margin-a = 40\neverest-site.grid.max-current-a = 40", "everest-site:grid:safety-margin-a", "less than grid.max-current-a")]
    [InlineData("everest-site.grid.max-current-a = -5", "everest-site:grid:max-current-a", "greater than 0")]
    [InlineData("everest-site.grid.phases = 2", "everest-site:grid:phases", "expected 1 or 3")]
    [InlineData("everest-site.grid.schedule = [ { days = [mon], from = \"08:00\", to = \"09:00\", max-current-a = 500 } ]", "everest-site:grid:schedule:0:max-current-a", "can only lower the limit")]
    [InlineData("everest-site.grid.schedule = [ { days = [], from = \"08:00\", to = \"09:00\", max-current-a = 5 } ]", "everest-site:grid:schedule:0:days", "at least one day")]
    [InlineData("everest-site.persistence.provider = postgresql", "everest-site:persistence:postgresql:connection-string", "expected a connection string")]
    [InlineData("everest-site.persistence.batch.max-size = 0", "everest-site:persistence:batch:max-size", "expected at least 1")]
    [InlineData("everest-site.persistence.batch.parallelism = 0", "everest-site:persistence:batch:parallelism", "expected at least 1")]
    [InlineData("everest-site.persistence.batch { max-size = 500, buffer-size = 100 }", "everest-site:persistence:batch:buffer-size", "expected at least 500")]
    [InlineData("everest-site.persistence.recovery.replay-batch-size = 0", "everest-site:persistence:recovery:replay-batch-size", "expected at least 1")]
    [InlineData("everest-site.persistence.recovery.max-concurrent = 0", "everest-site:persistence:recovery:max-concurrent", "expected at least 1")]
    [InlineData("everest-site.persistence.query.poll-interval = 0s", "everest-site:persistence:query:poll-interval", "greater than 0")]
    [InlineData("everest-site.mqtt.port = 70000", "everest-site:mqtt:port", "between 1 and 65535")]
    [InlineData("everest-site.mqtt.reconnect { min-delay = 10s, max-delay = 1s }", "everest-site:mqtt:reconnect:max-delay", "at least min-delay")]
    [InlineData("everest-site.mqtt.inbound-queue.max-messages = 0", "everest-site:mqtt:inbound-queue:max-messages", "expected at least 1")]
    [InlineData("everest-site.mqtt.inbound-queue.max-bytes = 0", "everest-site:mqtt:inbound-queue:max-bytes", "expected at least 1 byte")]
    [InlineData("everest-site.allocation { tick = 20s, fallback-after = 15s }", "everest-site:allocation:fallback-after", "more than allocation.tick")]
    [InlineData("everest-site.billing.currency = euro", "everest-site:billing:currency", "ISO 4217")]
    [InlineData("everest-site.billing.default-tariff = gold", "everest-site:billing:default-tariff", "found 'gold'")]
    [InlineData("everest-site.billing.tariffs = [ { id = t, energy-price-per-kwh = -1 } ]", "everest-site:billing:tariffs:0:energy-price-per-kwh", "expected 0 or more")]
    [InlineData("everest-site.http.urls = \"ftp://x\"", "everest-site:http:urls", "expected http:// or https://")]
    [InlineData("everest-site.http.api-token = short", "everest-site:http:api-token", "at least 16 characters")]
    [InlineData("everest-site.firmware.revoked-serials = [ \"not hex\" ]", "everest-site:firmware:revoked-serials:0", "in hex")]
    [InlineData("everest-site.firmware.disable-priority = 5000", "everest-site:firmware:disable-priority", "expected 0 to 4999 (stronger than the CSMS's 5000), found 5000")]
    [InlineData("everest-site.firmware.disable-priority = -1", "everest-site:firmware:disable-priority", "expected 0 to 4999")]
    [InlineData("everest-site.firmware.stop-transactions-after = 0s", "everest-site:firmware:stop-transactions-after", "positive duration")]
    [InlineData("everest-site.simulator.time-scale = 0", "everest-site:simulator:time-scale", "greater than 0")]
    [InlineData("everest-site.site-id = \"\"", "everest-site:site-id", "non-empty")]
    public void Values_that_break_a_rule_are_reported(string text, string key, string expected)
    {
        var problem = Problem(Fails(text), key);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_firmware_deadline_for_busy_EVSEs_is_off_by_default_and_read_as_a_duration_when_set()
    {
        using var unset = new TempConfig(OneCharger);
        Assert.Null(SiteConfiguration.BindAndValidate(SiteConfiguration.Load(unset.Path, environment: new Hashtable())).Firmware.StopTransactionsAfter);
        using var set = new TempConfig(OneCharger + "everest-site.firmware.stop-transactions-after = 30m");
        Assert.Equal(TimeSpan.FromMinutes(30), SiteConfiguration.BindAndValidate(SiteConfiguration.Load(set.Path, environment: new Hashtable())).Firmware.StopTransactionsAfter);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Fails("everest-site.grid.max-current-a = -1\neverest-site.mqtt.port = 0\neverest-site.circuits.0 = { id = board-a, parent = nowhere, max-current-a = 10 }");
        Assert.Equal(
            ["everest-site:mqtt:port", "everest-site:grid:max-current-a", "everest-site:circuits:0:parent"],
            error.Problems.Select(p => p.Key));
        Assert.All(error.Problems, p => Assert.Matches(@"site\.conf:(9|10|11):", p.Origin));
    }

    [Fact]
    public void In_hocon_a_numeric_path_segment_names_an_object_key_not_an_array_element()
    {
        // 'circuits.0 = {…}' replaces the array with an object whose key is "0"; IConfiguration cannot tell the
        // difference, so it binds like the array would. Documented in docs/configuration.md.
        using var file = new TempConfig(OneCharger + "everest-site.circuits.0 = { id = board-a, max-current-a = 40 }");
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable()));
        Assert.Equal(40, Assert.Single(options.Circuits).MaxCurrentA);
    }

    [Fact]
    public void A_key_that_no_source_sets_is_reported_as_not_set()
    {
        using var file = new TempConfig("everest-site.site-id = x");
        var configuration = SiteConfiguration.Load(file.Path, includeDefaults: false, environment: new Hashtable());
        var error = Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration));
        var port = Problem(error, "everest-site:mqtt:client-id");
        Assert.Null(port.Origin);
        Assert.Contains("(not set)", port.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_without_the_section_fails_clearly()
    {
        using var file = new TempConfig("other = 1");
        var configuration = SiteConfiguration.Load(file.Path, includeDefaults: false, environment: new Hashtable());
        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() => SiteConfiguration.BindAndValidate(configuration)).Problems);
        Assert.Contains("everest-site", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_leaves_an_optional_value_unset()
    {
        using var file = new TempConfig(OneCharger + "everest-site.billing.default-tariff = null\neverest-site.mqtt.username = null");
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable { ["EVEREST_SITE_MQTT_USERNAME"] = "u" }));
        Assert.Null(options.Billing.DefaultTariff);
        Assert.Null(options.Mqtt.Username);
    }
}
