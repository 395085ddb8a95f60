using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// Checks what types cannot: ranges, required values, unique ids, and cross-references (circuit parents exist and
/// form no cycle, every EVSE's circuit exists, module ids are unique). Every problem names its key and origin.
/// </summary>
internal sealed class EverestSiteOptionsValidator(IConfigurationRoot root)
{
    private const string S = EverestSiteOptions.SectionName;
    private readonly List<ConfigurationProblem> _problems = [];

    public IReadOnlyList<ConfigurationProblem> Validate(EverestSiteOptions o)
    {
        Require(Key("site-id"), o.SiteId);
        ValidateMqtt(o.Mqtt);
        ValidateEverestApi(o.EverestApi);
        ValidatePersistence(o.Persistence);
        ValidateGrid(o.Grid);
        var circuitIds = ValidateCircuits(o.Circuits);
        ValidateChargers(o.Chargers, circuitIds);
        ValidateAllocation(o.Allocation);
        Positive(Key("reservations", "default-expiry"), o.Reservations.DefaultExpiry);
        ValidateFirmware(o.Firmware);
        ValidateBilling(o.Billing);
        ValidateHttp(o.Http);
        ValidateSimulator(o.Simulator);
        return _problems;
    }

    private static string Key(params object[] segments) =>
        ConfigurationPath.Combine([S, .. segments.Select(s => Convert.ToString(s, CultureInfo.InvariantCulture)!)]);

    private void Report(string key, string message) =>
        _problems.Add(new ConfigurationProblem(key, ConfigurationOrigins.Describe(root, key), message));

    private void Require(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Report(key, "expected a non-empty value");
        }
    }

    private void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Report(key, $"expected a duration greater than 0, found {value}");
        }
    }

    private void NotNegative(string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            Report(key, $"expected a duration of 0 or more, found {value}");
        }
    }

    private void Positive(string key, double value)
    {
        if (!(value > 0))
        {
            Report(key, $"expected a number greater than 0, found {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void AtLeast(string key, long value, long minimum)
    {
        if (value < minimum)
        {
            Report(key, $"expected at least {minimum}, found {value}");
        }
    }

    private void NotNegative(string key, decimal value)
    {
        if (value < 0)
        {
            Report(key, $"expected 0 or more, found {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void ValidateMqtt(MqttOptions mqtt)
    {
        if (mqtt.Provider is MqttProvider.External or MqttProvider.Embedded)
        {
            Require(Key("mqtt", "host"), mqtt.Host);
            if (mqtt.Port is < 1 or > 65535)
            {
                Report(Key("mqtt", "port"), $"expected a port between 1 and 65535, found {mqtt.Port}");
            }
        }

        Require(Key("mqtt", "client-id"), mqtt.ClientId);
        if (mqtt.Tls.Enabled && string.IsNullOrWhiteSpace(mqtt.Tls.CertFile) != string.IsNullOrWhiteSpace(mqtt.Tls.KeyFile))
        {
            Report(Key("mqtt", "tls", "key-file"), "expected cert-file and key-file to be set together (client certificate) or both left empty");
        }

        Positive(Key("mqtt", "keep-alive"), mqtt.KeepAlive);
        Positive(Key("mqtt", "reconnect", "min-delay"), mqtt.Reconnect.MinDelay);
        if (mqtt.Reconnect.MaxDelay < mqtt.Reconnect.MinDelay)
        {
            Report(Key("mqtt", "reconnect", "max-delay"), $"expected at least min-delay ({mqtt.Reconnect.MinDelay}), found {mqtt.Reconnect.MaxDelay}");
        }
    }

    private void ValidateEverestApi(EverestApiOptions api)
    {
        Positive(Key("everest-api", "request-timeout"), api.RequestTimeout);
        Positive(Key("everest-api", "communication-check-interval"), api.CommunicationCheckInterval);
        Positive(Key("everest-api", "heartbeat-timeout"), api.HeartbeatTimeout);
        Positive(Key("everest-api", "reply-deadline"), api.ReplyDeadline);
        if (api.ReplyDeadline >= TimeSpan.FromSeconds(1))
        {
            Report(Key("everest-api", "reply-deadline"), $"expected less than 1s (EVerest waits about that long for our answer), found {api.ReplyDeadline}");
        }
    }

    private void ValidatePersistence(PersistenceOptions p)
    {
        switch (p.Provider)
        {
            case PersistenceProvider.Sqlite:
                Require(Key("persistence", "sqlite", "path"), p.Sqlite.Path);
                break;
            case PersistenceProvider.Postgresql when string.IsNullOrWhiteSpace(p.Postgresql.ConnectionString):
                Report(Key("persistence", "postgresql", "connection-string"), "expected a connection string because persistence.provider is postgresql (set EVEREST_SITE_PG or the key)");
                break;
        }

        NotNegative(Key("persistence", "sqlite", "busy-timeout"), p.Sqlite.BusyTimeout);
        AtLeast(Key("persistence", "batch", "max-size"), p.Batch.MaxSize, 1);
        AtLeast(Key("persistence", "batch", "parallelism"), p.Batch.Parallelism, 1);
        AtLeast(Key("persistence", "batch", "buffer-size"), p.Batch.BufferSize, p.Batch.MaxSize);
        AtLeast(Key("persistence", "recovery", "replay-batch-size"), p.Recovery.ReplayBatchSize, 1);
        AtLeast(Key("persistence", "recovery", "max-concurrent"), p.Recovery.MaxConcurrent, 1);
        Positive(Key("persistence", "query", "poll-interval"), p.Query.PollInterval);
        AtLeast(Key("persistence", "snapshot-every"), p.SnapshotEvery, 1);
        Positive(Key("persistence", "meter-sample", "interval"), p.MeterSample.Interval);
        Positive(Key("persistence", "meter-sample", "energy-delta-wh"), p.MeterSample.EnergyDeltaWh);
    }

    private void ValidateGrid(GridOptions grid)
    {
        Positive(Key("grid", "max-current-a"), grid.MaxCurrentA);
        if (grid.SafetyMarginA < 0 || (grid.MaxCurrentA > 0 && grid.SafetyMarginA >= grid.MaxCurrentA))
        {
            Report(Key("grid", "safety-margin-a"), $"expected 0 or more and less than grid.max-current-a ({grid.MaxCurrentA.ToString(CultureInfo.InvariantCulture)}), found {grid.SafetyMarginA.ToString(CultureInfo.InvariantCulture)}");
        }

        Positive(Key("grid", "voltage-v"), grid.VoltageV);
        if (grid.Phases is not (1 or 3))
        {
            Report(Key("grid", "phases"), $"expected 1 or 3, found {grid.Phases}");
        }

        for (var i = 0; i < grid.Schedule.Count; i++)
        {
            var entry = grid.Schedule[i];
            if (entry.Days.Count == 0)
            {
                Report(Key("grid", "schedule", i, "days"), "expected at least one day (mon … sun)");
            }

            if (entry.From == entry.To)
            {
                Report(Key("grid", "schedule", i, "to"), "expected 'to' to differ from 'from' (an empty window)");
            }

            Positive(Key("grid", "schedule", i, "max-current-a"), entry.MaxCurrentA);
            if (entry.MaxCurrentA > grid.MaxCurrentA)
            {
                Report(Key("grid", "schedule", i, "max-current-a"), $"expected at most grid.max-current-a ({grid.MaxCurrentA.ToString(CultureInfo.InvariantCulture)}): a schedule can only lower the limit");
            }
        }
    }

    private HashSet<string> ValidateCircuits(List<CircuitOptions> circuits)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { CircuitOptions.GridId };
        for (var i = 0; i < circuits.Count; i++)
        {
            var circuit = circuits[i];
            if (string.IsNullOrWhiteSpace(circuit.Id))
            {
                Report(Key("circuits", i, "id"), "expected a non-empty circuit id");
            }
            else if (!ids.Add(circuit.Id))
            {
                Report(Key("circuits", i, "id"), circuit.Id == CircuitOptions.GridId
                    ? "'grid' is the name of the grid connection and cannot be a circuit id"
                    : $"circuit id '{circuit.Id}' is used more than once");
            }

            Positive(Key("circuits", i, "max-current-a"), circuit.MaxCurrentA);
        }

        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < circuits.Count; i++)
        {
            var circuit = circuits[i];
            if (!ids.Contains(circuit.Parent))
            {
                Report(Key("circuits", i, "parent"), $"expected 'grid' or the id of a circuit, found '{circuit.Parent}'");
            }
            else
            {
                parentOf.TryAdd(circuit.Id, circuit.Parent);
            }
        }

        for (var i = 0; i < circuits.Count; i++)
        {
            var chain = new List<string> { circuits[i].Id };
            var current = circuits[i].Id;
            while (parentOf.TryGetValue(current, out var parent) && parent != CircuitOptions.GridId)
            {
                if (parent == circuits[i].Id)
                {
                    Report(Key("circuits", i, "parent"), $"circuit parents form a cycle: {string.Join(" -> ", chain.Append(parent))}");
                    break;
                }

                if (chain.Contains(parent))
                {
                    break;
                }

                chain.Add(parent);
                current = parent;
            }
        }

        return ids;
    }

    private void ValidateChargers(List<ChargerOptions> chargers, HashSet<string> circuitIds)
    {
        var chargerIds = new HashSet<string>(StringComparer.Ordinal);
        var systemModules = new HashSet<string>(StringComparer.Ordinal);
        var evseIds = new HashSet<string>(StringComparer.Ordinal);
        var evseModules = new HashSet<string>(StringComparer.Ordinal);
        var limitModules = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < chargers.Count; c++)
        {
            var charger = chargers[c];
            Unique(Key("chargers", c, "id"), charger.Id, chargerIds, "charger id");
            Unique(Key("chargers", c, "system-module-id"), charger.SystemModuleId, systemModules, "system module id");
            if (charger.Evses.Count == 0)
            {
                Report(Key("chargers", c, "evses"), "expected at least one EVSE");
            }

            for (var e = 0; e < charger.Evses.Count; e++)
            {
                var evse = charger.Evses[e];
                Unique(Key("chargers", c, "evses", e, "id"), evse.Id, evseIds, "EVSE id");
                Unique(Key("chargers", c, "evses", e, "module-id"), evse.ModuleId, evseModules, "EVSE module id");
                if (evse.EnergyLimitsModuleId is not null)
                {
                    Unique(Key("chargers", c, "evses", e, "energy-limits-module-id"), evse.EnergyLimitsModuleId, limitModules, "energy limits module id");
                }

                if (!circuitIds.Contains(evse.Circuit))
                {
                    Report(Key("chargers", c, "evses", e, "circuit"), $"expected 'grid' or the id of a circuit, found '{evse.Circuit}'");
                }

                if (evse.Priority < 0)
                {
                    Report(Key("chargers", c, "evses", e, "priority"), $"expected 0 or more, found {evse.Priority}");
                }

                if (evse.MaxCurrentA is { } max)
                {
                    Positive(Key("chargers", c, "evses", e, "max-current-a"), max);
                }
            }
        }
    }

    private void Unique(string key, string value, HashSet<string> seen, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Report(key, $"expected a non-empty {what}");
        }
        else if (!seen.Add(value))
        {
            Report(key, $"{what} '{value}' is used more than once");
        }
    }

    private void ValidateAllocation(AllocationOptions a)
    {
        Positive(Key("allocation", "tick"), a.Tick);
        Positive(Key("allocation", "min-current-a"), a.MinCurrentA);
        NotNegative(Key("allocation", "min-pause"), a.MinPause);
        NotNegative(Key("allocation", "min-charge"), a.MinCharge);
        Positive(Key("allocation", "rotation"), a.Rotation);
        if (a.FallbackCurrentA < 0)
        {
            Report(Key("allocation", "fallback-current-a"), $"expected 0 or more, found {a.FallbackCurrentA.ToString(CultureInfo.InvariantCulture)}");
        }

        Positive(Key("allocation", "fallback-after"), a.FallbackAfter);
        if (a.FallbackAfter > TimeSpan.Zero && a.Tick >= a.FallbackAfter)
        {
            Report(Key("allocation", "fallback-after"), $"expected more than allocation.tick ({a.Tick}): schedules must be renewed before their fallback starts");
        }
    }

    private void ValidateFirmware(FirmwareOptions f)
    {
        Require(Key("firmware", "folder"), f.Folder);
        AtLeast(Key("firmware", "max-concurrent-chargers"), f.MaxConcurrentChargers, 1);
        AtLeast(Key("firmware", "disable-priority"), f.DisablePriority, 0);
        AtLeast(Key("firmware", "max-download-size"), f.MaxDownloadSize.Bytes, 1);
        AtLeast(Key("firmware", "download-retries"), f.DownloadRetries, 0);
        NotNegative(Key("firmware", "download-retry-interval"), f.DownloadRetryInterval);
        for (var i = 0; i < f.RevokedSerials.Count; i++)
        {
            if (f.RevokedSerials[i].Length == 0 || !f.RevokedSerials[i].All(char.IsAsciiHexDigit))
            {
                Report(Key("firmware", "revoked-serials", i), $"expected a certificate serial number in hex, found '{f.RevokedSerials[i]}'");
            }
        }
    }

    private void ValidateBilling(BillingOptions b)
    {
        Pattern(Key("billing", "currency"), b.Currency, 3, char.IsAsciiLetterUpper, "an ISO 4217 currency code such as EUR");
        Pattern(Key("billing", "country-code"), b.CountryCode, 2, char.IsAsciiLetterUpper, "an ISO 3166 alpha-2 country code such as DE");
        Pattern(Key("billing", "party-id"), b.PartyId, 3, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c), "a three-character OCPI party id such as EVS");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < b.Tariffs.Count; t++)
        {
            var tariff = b.Tariffs[t];
            Unique(Key("billing", "tariffs", t, "id"), tariff.Id, ids, "tariff id");
            NotNegative(Key("billing", "tariffs", t, "energy-price-per-kwh"), tariff.EnergyPricePerKwh);
            NotNegative(Key("billing", "tariffs", t, "session-fee"), tariff.SessionFee);
            NotNegative(Key("billing", "tariffs", t, "idle-price-per-minute"), tariff.IdlePricePerMinute);
            NotNegative(Key("billing", "tariffs", t, "idle-grace-period"), tariff.IdleGracePeriod);
            for (var w = 0; w < tariff.TimeWindows.Count; w++)
            {
                var window = tariff.TimeWindows[w];
                if (window.From == window.To)
                {
                    Report(Key("billing", "tariffs", t, "time-windows", w, "to"), "expected 'to' to differ from 'from' (an empty window)");
                }

                NotNegative(Key("billing", "tariffs", t, "time-windows", w, "energy-price-per-kwh"), window.EnergyPricePerKwh);
            }
        }

        if (b.DefaultTariff is not null && !ids.Contains(b.DefaultTariff))
        {
            Report(Key("billing", "default-tariff"), $"expected the id of one of billing.tariffs, found '{b.DefaultTariff}'");
        }
    }

    private void Pattern(string key, string value, int length, Func<char, bool> allowed, string expected)
    {
        if (value.Length != length || !value.All(allowed))
        {
            Report(key, $"expected {expected}, found '{value}'");
        }
    }

    private void ValidateHttp(HttpOptions http)
    {
        var urls = http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            Report(Key("http", "urls"), "expected at least one listen address such as http://127.0.0.1:5080");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                Report(Key("http", "urls"), $"expected http:// or https:// listen addresses separated by ';', found '{url}'");
            }
        }

        if (http.ApiToken is { Length: > 0 and < 16 })
        {
            Report(Key("http", "api-token"), "expected a token of at least 16 characters");
        }
    }

    private void ValidateSimulator(SimulatorOptions sim)
    {
        if (sim.EvseCount is { } count)
        {
            AtLeast(Key("simulator", "evse-count"), count, 1);
        }

        if (sim.ArrivalRatePerHour < 0)
        {
            Report(Key("simulator", "arrival-rate-per-hour"), "expected 0 or more");
        }

        Positive(Key("simulator", "mean-energy-kwh"), sim.MeanEnergyKwh);
        Positive(Key("simulator", "time-scale"), sim.TimeScale);
    }
}
