using System.Globalization;
using System.Linq.Expressions;
using Everest.Site.EverestApi;
using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// Checks what types cannot: ranges, required values, unique ids, and cross-references (circuit parents exist and
/// form no cycle, every EVSE's circuit exists, module ids are unique). Every problem names its key and origin; keys
/// are derived from the options properties the checks select (<see cref="OptionKeys"/>), never spelled here.
/// Partial by section: <c>.Billing</c>.
/// </summary>
internal sealed partial class EverestSiteOptionsValidator(IConfigurationRoot root)
{
    /// <summary>The <c>enable_priority</c> EVerest's OCPP module gives the CSMS's availability changes.</summary>
    private const int CsmsEnablePriority = 5000;

    private readonly List<ConfigurationProblem> _problems = [];
    private EverestSiteOptions _options = new();

    public IReadOnlyList<ConfigurationProblem> Validate(EverestSiteOptions o)
    {
        _options = o;
        Require(x => x.SiteId);
        ValidateMqtt(o.Mqtt);
        ValidateEverestApi(o.EverestApi);
        ValidatePersistence(o.Persistence);
        ValidateGrid(o.Grid);
        var circuitIds = ValidateCircuits(o.Circuits);
        ValidateChargers(o.Chargers, circuitIds);
        ValidateAllocation(o.Allocation);
        Positive(x => x.Reservations.DefaultExpiry);
        ValidateFirmware(o.Firmware);
        Positive(x => x.System.CommandTimeout);
        ValidateBilling(o.Billing, o.Chargers);
        ValidateHttp(o.Http);
        ValidateSimulator(o.Simulator);
        ValidateObservability(o.Observability);
        return _problems;
    }

    private string Key<T>(Expression<Func<EverestSiteOptions, T>> option) => OptionKeys.Resolve(_options, option).Key;

    private void Report<T>(Expression<Func<EverestSiteOptions, T>> option, string message)
    {
        var key = Key(option);
        _problems.Add(new ConfigurationProblem(key, ConfigurationOrigins.Describe(root, key), message));
    }

    private void Require(Expression<Func<EverestSiteOptions, string?>> option)
    {
        if (string.IsNullOrWhiteSpace(OptionKeys.Resolve(_options, option).Value))
        {
            Report(option, "expected a non-empty value");
        }
    }

    private void Positive(Expression<Func<EverestSiteOptions, TimeSpan>> option)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value <= TimeSpan.Zero)
        {
            Report(option, $"expected a duration greater than 0, found {value}");
        }
    }

    private void NotNegative(Expression<Func<EverestSiteOptions, TimeSpan>> option)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value < TimeSpan.Zero)
        {
            Report(option, $"expected a duration of 0 or more, found {value}");
        }
    }

    private void Positive(Expression<Func<EverestSiteOptions, double>> option)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (!(value > 0))
        {
            Report(option, $"expected a number greater than 0, found {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void AtLeast(Expression<Func<EverestSiteOptions, long>> option, long minimum)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value < minimum)
        {
            Report(option, $"expected at least {minimum}, found {value}");
        }
    }

    private void AtLeastOneByte(Expression<Func<EverestSiteOptions, ByteSize>> option)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (value.Bytes < 1)
        {
            Report(option, $"expected at least 1 byte, found {value.Bytes}");
        }
    }

    private void ValidateMqtt(MqttOptions mqtt)
    {
        if (mqtt.Provider is MqttProvider.External or MqttProvider.Embedded)
        {
            Require(x => x.Mqtt.Host);
            if (mqtt.Port is < 1 or > 65535)
            {
                Report(x => x.Mqtt.Port, $"expected a port between 1 and 65535, found {mqtt.Port}");
            }
        }

        Require(x => x.Mqtt.ClientId);
        if (mqtt.Tls.Enabled && string.IsNullOrWhiteSpace(mqtt.Tls.CertFile) != string.IsNullOrWhiteSpace(mqtt.Tls.KeyFile))
        {
            Report(x => x.Mqtt.Tls.KeyFile, "expected cert-file and key-file to be set together (client certificate) or both left empty");
        }

        Positive(x => x.Mqtt.KeepAlive);
        Positive(x => x.Mqtt.Reconnect.MinDelay);
        if (mqtt.Reconnect.MaxDelay < mqtt.Reconnect.MinDelay)
        {
            Report(x => x.Mqtt.Reconnect.MaxDelay, $"expected at least min-delay ({mqtt.Reconnect.MinDelay}), found {mqtt.Reconnect.MaxDelay}");
        }

        AtLeast(x => x.Mqtt.InboundQueue.MaxMessages, 1);
        AtLeastOneByte(x => x.Mqtt.InboundQueue.MaxBytes);
    }

    private void ValidateEverestApi(EverestApiOptions api)
    {
        // The library defines what its settings must be; here each problem only gets its key and origin.
        foreach (var (property, problem) in api.Problems())
        {
            var key = ConfigurationPath.Combine(Key(x => x.EverestApi), OptionKeys.NameOf(typeof(EverestApiOptions).GetProperty(property)!));
            _problems.Add(new ConfigurationProblem(key, ConfigurationOrigins.Describe(root, key), problem));
        }
    }

    private void ValidatePersistence(PersistenceOptions p)
    {
        switch (p.Provider)
        {
            case PersistenceProvider.Sqlite:
                Require(x => x.Persistence.Sqlite.Path);
                break;
            case PersistenceProvider.Postgresql when string.IsNullOrWhiteSpace(p.Postgresql.ConnectionString):
                Report(x => x.Persistence.Postgresql.ConnectionString, "expected a connection string because persistence.provider is postgresql (set EVEREST_SITE_PG or the key)");
                break;
        }

        NotNegative(x => x.Persistence.Sqlite.BusyTimeout);
        AtLeast(x => x.Persistence.Batch.MaxSize, 1);
        AtLeast(x => x.Persistence.Batch.Parallelism, 1);
        AtLeast(x => x.Persistence.Batch.BufferSize, p.Batch.MaxSize);
        AtLeast(x => x.Persistence.Recovery.ReplayBatchSize, 1);
        AtLeast(x => x.Persistence.Recovery.MaxConcurrent, 1);
        Positive(x => x.Persistence.Query.PollInterval);
        AtLeast(x => x.Persistence.SnapshotEvery, 1);
        Positive(x => x.Persistence.MeterSample.Interval);
        Positive(x => x.Persistence.MeterSample.EnergyDeltaWh);
    }

    private void ValidateGrid(GridOptions grid)
    {
        Positive(x => x.Grid.MaxCurrentA);
        if (grid.SafetyMarginA < 0 || (grid.MaxCurrentA > 0 && grid.SafetyMarginA >= grid.MaxCurrentA))
        {
            Report(x => x.Grid.SafetyMarginA, $"expected 0 or more and less than grid.max-current-a ({grid.MaxCurrentA.ToString(CultureInfo.InvariantCulture)}), found {grid.SafetyMarginA.ToString(CultureInfo.InvariantCulture)}");
        }

        Positive(x => x.Grid.VoltageV);
        if (grid.Phases is not (1 or 3))
        {
            Report(x => x.Grid.Phases, $"expected 1 or 3, found {grid.Phases}");
        }

        if (grid.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            Report(x => x.Grid.TimeZone, $"expected an IANA time zone such as Europe/Berlin, found '{zone}'");
        }

        for (var i = 0; i < grid.Schedule.Count; i++)
        {
            var entry = grid.Schedule[i];
            if (entry.Days.Count == 0)
            {
                Report(x => x.Grid.Schedule[i].Days, "expected at least one day (mon … sun)");
            }

            if (entry.From == entry.To)
            {
                Report(x => x.Grid.Schedule[i].To, "expected 'to' to differ from 'from' (an empty window)");
            }

            Positive(x => x.Grid.Schedule[i].MaxCurrentA);
            if (entry.MaxCurrentA > grid.MaxCurrentA)
            {
                Report(x => x.Grid.Schedule[i].MaxCurrentA, $"expected at most grid.max-current-a ({grid.MaxCurrentA.ToString(CultureInfo.InvariantCulture)}): a schedule can only lower the limit");
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
                Report(x => x.Circuits[i].Id, "expected a non-empty circuit id");
            }
            else if (!ids.Add(circuit.Id))
            {
                Report(x => x.Circuits[i].Id, circuit.Id == CircuitOptions.GridId
                    ? "'grid' is the name of the grid connection and cannot be a circuit id"
                    : $"circuit id '{circuit.Id}' is used more than once");
            }

            Positive(x => x.Circuits[i].MaxCurrentA);
        }

        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < circuits.Count; i++)
        {
            var circuit = circuits[i];
            if (!ids.Contains(circuit.Parent))
            {
                Report(x => x.Circuits[i].Parent, $"expected 'grid' or the id of a circuit, found '{circuit.Parent}'");
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
                    Report(x => x.Circuits[i].Parent, $"circuit parents form a cycle: {string.Join(" -> ", chain.Append(parent))}");
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
            Unique(x => x.Chargers[c].Id, chargerIds, "charger id");
            Unique(x => x.Chargers[c].SystemModuleId, systemModules, "system module id");
            if (charger.Evses.Count == 0)
            {
                Report(x => x.Chargers[c].Evses, "expected at least one EVSE");
            }

            for (var e = 0; e < charger.Evses.Count; e++)
            {
                var evse = charger.Evses[e];
                Unique(x => x.Chargers[c].Evses[e].Id, evseIds, "EVSE id");
                Unique(x => x.Chargers[c].Evses[e].ModuleId, evseModules, "EVSE module id");
                if (evse.EnergyLimitsModuleId is not null)
                {
                    Unique(x => x.Chargers[c].Evses[e].EnergyLimitsModuleId, limitModules, "energy limits module id");
                }

                if (!circuitIds.Contains(evse.Circuit))
                {
                    Report(x => x.Chargers[c].Evses[e].Circuit, $"expected 'grid' or the id of a circuit, found '{evse.Circuit}'");
                }

                if (evse.Priority < 0)
                {
                    Report(x => x.Chargers[c].Evses[e].Priority, $"expected 0 or more, found {evse.Priority}");
                }

                if (evse.MaxCurrentA is { } max)
                {
                    Positive(x => x.Chargers[c].Evses[e].MaxCurrentA!.Value);
                }
            }
        }
    }

    private void Unique(Expression<Func<EverestSiteOptions, string?>> option, HashSet<string> seen, string what)
    {
        var value = OptionKeys.Resolve(_options, option).Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            Report(option, $"expected a non-empty {what}");
        }
        else if (!seen.Add(value))
        {
            Report(option, $"{what} '{value}' is used more than once");
        }
    }

    private void ValidateAllocation(AllocationOptions a)
    {
        Positive(x => x.Allocation.Tick);
        Positive(x => x.Allocation.MinCurrentA);
        NotNegative(x => x.Allocation.MinPause);
        NotNegative(x => x.Allocation.MinCharge);
        Positive(x => x.Allocation.Rotation);
        if (a.FallbackCurrentA < 0)
        {
            Report(x => x.Allocation.FallbackCurrentA, $"expected 0 or more, found {a.FallbackCurrentA.ToString(CultureInfo.InvariantCulture)}");
        }

        Positive(x => x.Allocation.FallbackAfter);
        if (a.FallbackAfter > TimeSpan.Zero && a.Tick >= a.FallbackAfter)
        {
            Report(x => x.Allocation.FallbackAfter, $"expected more than allocation.tick ({a.Tick}): schedules must be renewed before their fallback starts");
        }
    }

    private void ValidateFirmware(FirmwareOptions f)
    {
        Require(x => x.Firmware.Folder);
        AtLeast(x => x.Firmware.MaxConcurrentChargers, 1);
        if (f.DisablePriority is < 0 or >= CsmsEnablePriority)
        {
            // EVerest's enable_disable: 0 is the strongest entry. The CSMS (OCPP) uses 5000, so an installation's
            // disable must be stronger, or the CSMS could make an EVSE available in the middle of an installation.
            Report(x => x.Firmware.DisablePriority, $"expected 0 to {CsmsEnablePriority - 1} (stronger than the CSMS's {CsmsEnablePriority}), found {f.DisablePriority}");
        }

        AtLeastOneByte(x => x.Firmware.MaxDownloadSize);

        AtLeast(x => x.Firmware.DownloadRetries, 0);
        NotNegative(x => x.Firmware.DownloadRetryInterval);
        Positive(x => x.Firmware.BackWithin);
        if (f.StopTransactionsAfter is { } stopAfter && stopAfter <= TimeSpan.Zero)
        {
            Report(x => x.Firmware.StopTransactionsAfter, $"expected a positive duration, or empty to never stop a transaction, found {stopAfter}");
        }

        if (f.MinAvailableShare is < 0 or >= 1 || double.IsNaN(f.MinAvailableShare))
        {
            Report(x => x.Firmware.MinAvailableShare, $"expected a share from 0 up to (not including) 1, found {f.MinAvailableShare.ToString(CultureInfo.InvariantCulture)}");
        }

        for (var i = 0; i < f.RevokedSerials.Count; i++)
        {
            if (f.RevokedSerials[i].Length == 0 || !f.RevokedSerials[i].All(char.IsAsciiHexDigit))
            {
                Report(x => x.Firmware.RevokedSerials[i], $"expected a certificate serial number in hex, found '{f.RevokedSerials[i]}'");
            }
        }
    }

    private void ValidateHttp(HttpOptions http)
    {
        var urls = http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            Report(x => x.Http.Urls, "expected at least one listen address such as http://127.0.0.1:5080");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                Report(x => x.Http.Urls, $"expected http:// or https:// listen addresses separated by ';', found '{url}'");
            }
        }

        if (http.ApiToken is { Length: > 0 and < 16 })
        {
            Report(x => x.Http.ApiToken, "expected a token of at least 16 characters");
        }

        Positive(x => x.Http.AskTimeout);
        AtLeast(x => x.Http.EventsBuffer, 1);
    }

    private void ValidateSimulator(SimulatorOptions sim)
    {
        if (sim.EvseCount is { } count)
        {
            AtLeast(x => x.Simulator.EvseCount!.Value, 1);
        }

        if (sim.ArrivalRatePerHour < 0)
        {
            Report(x => x.Simulator.ArrivalRatePerHour, "expected 0 or more");
        }

        Positive(x => x.Simulator.MeanEnergyKwh);
        Positive(x => x.Simulator.TimeScale);
    }
}
