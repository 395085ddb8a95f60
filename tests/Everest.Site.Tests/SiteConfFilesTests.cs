using System.Collections;
using System.Reflection;
using Everest.Site.Configuration;
using Everest.Site.Hocon;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Tests;

/// <summary>The project's own configuration files load through the provider into typed, validated options.</summary>
public sealed class SiteConfFilesTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Fact]
    public void The_example_depot_loads_into_typed_options()
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(RepositoryFiles.Hocon("site.conf"), environment: NoEnvironment));

        Assert.Equal("depot-1", options.SiteId);
        Assert.Equal("everest-site-depot-1", options.Mqtt.ClientId);
        Assert.Equal(MqttProvider.External, options.Mqtt.Provider);
        Assert.Equal("10.0.0.2", options.Mqtt.Host);
        Assert.Null(options.Mqtt.Username);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Mqtt.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(5), options.EverestApi.RequestTimeout);
        Assert.Equal(PersistenceProvider.Sqlite, options.Persistence.Provider);
        Assert.Equal(SqliteSynchronous.Full, options.Persistence.Sqlite.Synchronous);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Persistence.MeterSample.Interval);
        Assert.Equal(500, options.Persistence.Batch.MaxSize);
        Assert.Equal(1, options.Persistence.Batch.Parallelism);
        Assert.Equal(1000, options.Persistence.Recovery.ReplayBatchSize);

        Assert.Equal(125, options.Grid.MaxCurrentA);
        Assert.Equal(2, options.Grid.SafetyMarginA);
        var peak = Assert.Single(options.Grid.Schedule);
        Assert.Equal([Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri], peak.Days);
        Assert.Equal(new TimeOnly(17, 0), peak.From);
        Assert.Equal(new TimeOnly(21, 0), peak.To);
        Assert.Equal(80, peak.MaxCurrentA);

        Assert.Equal(["board-a", "board-b"], options.Circuits.Select(c => c.Id));
        Assert.All(options.Circuits, c => Assert.Equal("grid", c.Parent));
        Assert.Equal(["cp-1", "cp-2", "cp-3"], options.Chargers.Select(c => c.Id));
        Assert.All(options.Chargers, c => Assert.Equal(2, c.Evses.Count));
        var evses = options.Chargers.SelectMany(c => c.Evses).ToList();
        Assert.Equal(["cp-1-1", "cp-1-2", "cp-2-1", "cp-2-2", "cp-3-1", "cp-3-2"], evses.Select(e => e.Id));
        Assert.Equal(3, evses.Count(e => e.Circuit == "board-a"));
        Assert.Equal(3, evses.Count(e => e.Circuit == "board-b"));
        Assert.Equal(PhaseRotation.L2L3L1, evses[1].PhaseRotation);
        Assert.Equal(PhaseRotation.L1L2L3, evses[0].PhaseRotation);
        Assert.Equal(10, evses[4].Priority);
        Assert.Equal("limits_api_cp3_2", evses[5].EnergyLimitsModuleId);
        Assert.Equal("ocpp_api_cp3", evses[5].OcppModuleId);
        Assert.Null(evses[0].OcppModuleId);

        Assert.Equal(512L * 1024 * 1024, options.Firmware.MaxDownloadSize.Bytes);
        Assert.Equal("depot", options.Billing.DefaultTariff);
        var tariff = Assert.Single(options.Billing.Tariffs);
        Assert.Equal(0.39m, tariff.EnergyPricePerKwh);
        Assert.Equal(TimeSpan.FromMinutes(30), tariff.IdleGracePeriod);
        var night = Assert.Single(tariff.TimeWindows);
        Assert.Empty(night.Days); // every day
        Assert.Equal(7, Everest.Site.Billing.BillingSite.TariffBookOf(options.Billing).Tariffs[0].Windows[0].Days.Length);
        Assert.Equal(new TimeOnly(22, 0), night.From);
    }

    [Fact]
    public void The_defaults_alone_are_a_valid_configuration()
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.Load(null, environment: NoEnvironment));
        Assert.Equal(32, options.Grid.MaxCurrentA);
        Assert.Empty(options.Chargers);
        Assert.Null(options.Simulator.EvseCount);
        Assert.Null(options.Billing.DefaultTariff);

        // The HTTP API and dashboard listen on this machine only unless a site file says otherwise.
        Assert.Equal("http://127.0.0.1:5080", options.Http.Urls);
    }

    [Fact]
    public void The_embedded_demo_configuration_loads_with_the_embedded_broker_on_loopback_and_simulated_evses()
    {
        var options = SiteConfiguration.BindAndValidate(SiteConfiguration.LoadDemo(NoEnvironment));
        Assert.Equal(MqttProvider.Embedded, options.Mqtt.Provider);
        Assert.Equal(("127.0.0.1", 1883), (options.Mqtt.Host, options.Mqtt.Port));
        Assert.Equal(PersistenceProvider.Sqlite, options.Persistence.Provider);
        Assert.StartsWith("data/", options.Persistence.Sqlite.Path, StringComparison.Ordinal);
        Assert.True(options.Simulator.Enabled);
        Assert.Equal(4, options.Chargers.Sum(c => c.Evses.Count));
    }

    [Theory]
    [InlineData("reference.conf")]
    [InlineData("demo.conf")]
    public void The_embedded_files_are_the_repository_files(string file)
    {
        var embedded = file == "reference.conf" ? SiteConfiguration.ReferenceConf : SiteConfiguration.DemoConf;
        Assert.Equal(File.ReadAllText(RepositoryFiles.Hocon(file)), embedded);
    }

    [Fact]
    public void Reference_conf_has_a_key_for_every_option_outside_arrays()
    {
        var tree = HoconLoader.Parse(SiteConfiguration.ReferenceConf, "reference.conf", _ => null);
        var section = Assert.IsType<HoconObject>(tree["everest-site"]);
        var missing = new List<string>();
        CollectMissing(typeof(EverestSiteOptions), section, "everest-site", missing);
        Assert.True(missing.Count == 0, $"reference.conf lacks: {string.Join(", ", missing)}");
    }

    /// <summary>Keys that reference.conf must leave unset because their default is "absent" (filled from the environment).</summary>
    private static readonly HashSet<string> UnsetByDefault =
    [
        "everest-site.mqtt.username",
        "everest-site.mqtt.password",
        "everest-site.persistence.postgresql.connection-string",
        "everest-site.http.api-token",
    ];

    private static void CollectMissing(Type type, HoconObject obj, string path, List<string> missing)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant();
            var keyPath = $"{path}.{key}";
            if (!obj.TryGetValue(key, out var value))
            {
                if (!UnsetByDefault.Contains(keyPath))
                {
                    missing.Add(keyPath);
                }

                continue;
            }

            var isOptionsClass = property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsGenericType;
            if (isOptionsClass)
            {
                CollectMissing(property.PropertyType, Assert.IsType<HoconObject>(value), keyPath, missing);
            }
        }
    }

    [Fact]
    public void Reference_conf_documents_every_key_of_an_array_entry_in_the_comment_above_the_array()
    {
        var lines = SiteConfiguration.ReferenceConf.Split('\n').Select(l => l.Trim()).ToList();
        var undocumented = new List<string>();
        CollectUndocumentedEntryKeys(typeof(EverestSiteOptions), "everest-site", lines, undocumented);
        Assert.True(undocumented.Count == 0, $"array entry keys missing from the comment above their array in reference.conf: {string.Join(", ", undocumented)}");
    }

    private static string KeyOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name.ToLowerInvariant();

    private static Type? EntryTypeOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && type.GetGenericArguments()[0] is { IsClass: true } entry && entry != typeof(string)
            ? entry
            : null;

    private static void CollectUndocumentedEntryKeys(Type type, string path, List<string> lines, List<string> undocumented)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var keyPath = $"{path}.{KeyOf(property)}";
            if (EntryTypeOf(property.PropertyType) is { } entryType)
            {
                // The array's comment: the comment lines right above its "key = []" line.
                var at = lines.IndexOf($"{KeyOf(property)} = []");
                Assert.True(at >= 0, $"reference.conf has no '{KeyOf(property)} = []' for {keyPath}");
                var comment = string.Join(' ', lines.Take(at).Reverse().TakeWhile(l => l.StartsWith('#')));
                foreach (var entryKey in EntryKeys(entryType))
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(comment, $@"(?<![\w-]){System.Text.RegularExpressions.Regex.Escape(entryKey)}(?![\w-])"))
                    {
                        undocumented.Add($"{keyPath}[].{entryKey}");
                    }
                }
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsGenericType)
            {
                CollectUndocumentedEntryKeys(property.PropertyType, keyPath, lines, undocumented);
            }
        }
    }

    /// <summary>The keys of an array entry, with those of arrays nested in it (an EVSE's keys within a charger's).</summary>
    private static IEnumerable<string> EntryKeys(Type entryType) =>
        entryType.GetProperties(BindingFlags.Public | BindingFlags.Instance).SelectMany(p =>
            EntryTypeOf(p.PropertyType) is { } nested ? EntryKeys(nested).Prepend(KeyOf(p)) : [KeyOf(p)]);

    [Fact]
    public void Every_key_in_reference_conf_is_documented_by_a_comment_above_it()
    {
        // A comment documents the keys that follow it up to the next blank line or closing brace, so keys that
        // belong together (host and port, min-delay and max-delay) can share one comment.
        var undocumented = new List<string>();
        var documented = false;
        foreach (var line in SiteConfiguration.ReferenceConf.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith('#'))
            {
                documented = true;
            }
            else if (line.Length == 0 || line.StartsWith('}'))
            {
                documented = false;
            }
            else if (!line.EndsWith('{') && !documented)
            {
                undocumented.Add(line);
            }
        }

        Assert.True(undocumented.Count == 0, $"keys without a comment in reference.conf: {string.Join(" | ", undocumented)}");
    }

    [Fact]
    public void Every_enum_member_binds_from_its_lowercase_spelling()
    {
        foreach (var rotation in Enum.GetNames<PhaseRotation>())
        {
            var options = Bind($"everest-site.chargers = [{{ id = c, system-module-id = s, evses = [{{ id = e, module-id = m, phase-rotation = {rotation.ToLowerInvariant()} }}] }}]");
            Assert.Equal(Enum.Parse<PhaseRotation>(rotation), options.Chargers[0].Evses[0].PhaseRotation);
        }

        foreach (var day in Enum.GetNames<Weekday>())
        {
            var options = Bind($"everest-site.grid.schedule = [{{ days = [{day.ToLowerInvariant()}], from = \"08:00\", to = \"09:00\", max-current-a = 10 }}]");
            Assert.Equal(Enum.Parse<Weekday>(day), Assert.Single(options.Grid.Schedule[0].Days));
        }

        foreach (var provider in Enum.GetNames<PersistenceProvider>())
        {
            var options = Bind($"everest-site.persistence {{ provider = {provider.ToLowerInvariant()}, postgresql.connection-string = \"Host=x\" }}");
            Assert.Equal(Enum.Parse<PersistenceProvider>(provider), options.Persistence.Provider);
        }

        foreach (var synchronous in Enum.GetNames<SqliteSynchronous>())
        {
            Assert.Equal(Enum.Parse<SqliteSynchronous>(synchronous), Bind($"everest-site.persistence.sqlite.synchronous = {synchronous.ToLowerInvariant()}").Persistence.Sqlite.Synchronous);
        }

        foreach (var mqtt in Enum.GetNames<MqttProvider>())
        {
            Assert.Equal(Enum.Parse<MqttProvider>(mqtt), Bind($"everest-site.mqtt.provider = {mqtt.ToLowerInvariant()}").Mqtt.Provider);
        }

        // The former spelling from the libmosquitto days still means a broker outside the process.
        Assert.Equal(MqttProvider.External, Bind("everest-site.mqtt.provider = mosquitto").Mqtt.Provider);
    }

    private static EverestSiteOptions Bind(string text)
    {
        using var file = new TempConfig(text);
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: NoEnvironment));
    }
}
