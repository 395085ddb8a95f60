using System.Globalization;
using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Site;

/// <summary>What to simulate and how often EVerest publishes what.</summary>
public sealed record SimulatorOptions
{
    public required IReadOnlyList<SimulatedChargerOptions> Chargers { get; init; }

    /// <summary>Seeds every random choice, so a run can be repeated exactly.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>EvseManager publishes <c>powermeter</c> at 1 Hz.</summary>
    public TimeSpan PowermeterInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>session_info</c> during a session (~1 Hz); between sessions it is published on change only.</summary>
    public TimeSpan SessionInfoInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>EVerest's <c>cfg_heartbeat_interval_ms</c> (default 1 s), for every API instance.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>EVerest's <c>cfg_communication_check_to_s</c> (default 5 s).</summary>
    public TimeSpan CommunicationCheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often <c>ev_info</c> (state of charge, currents) is refreshed while a car is plugged in.</summary>
    public TimeSpan EvInfoInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the OCPP module publishes the CSMS's composite <c>charging_schedules</c>.</summary>
    public TimeSpan ChargingSchedulesInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often static facts (<c>evse_id</c>, <c>hw_capabilities</c>, …) are published again, so a controller that
    /// starts after the simulator learns them without asking.
    /// </summary>
    public TimeSpan StaticInfoInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The station-wide cap the simulated CSMS sends in <c>charging_schedules</c> (entry <c>evse: 0</c>), in A per phase.</summary>
    public double CsmsStationLimitA { get; init; } = 400;

    /// <summary>
    /// Caps the simulated CSMS sends for single EVSEs (entries <c>evse: N</c>), in A per phase, by EVSE number on its
    /// charger; an EVSE not listed gets its hardware maximum.
    /// </summary>
    public IReadOnlyDictionary<int, double> CsmsEvseLimitsA { get; init; } = new Dictionary<int, double>();

    /// <summary>How long EVerest waits for the controller's answer to its own requests before using its default.</summary>
    public TimeSpan ReversedRequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a charger's EVerest is down when it reboots after a firmware installation (the controller published
    /// <c>InstallRebooting</c> for it): none of its modules sends a heartbeat meanwhile, and they count from 0 again after.
    /// </summary>
    public TimeSpan FirmwareRebootDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Says what is wrong in words, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (Chargers.Count == 0)
        {
            return "at least one charger is needed";
        }

        var moduleIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var charger in Chargers)
        {
            if (charger.Evses.Count == 0)
            {
                return $"charger {charger.Id} has no EVSEs";
            }

            foreach (var id in new[] { charger.SystemModuleId, charger.OcppModuleId, charger.SessionCostModuleId }
                .Concat(charger.Evses.SelectMany(e => new[] { e.ModuleId, e.EnergyLimitsModuleId }).OfType<string>()))
            {
                if (string.IsNullOrWhiteSpace(id) || id.AsSpan().IndexOfAny("/+#") >= 0)
                {
                    return $"charger {charger.Id}: '{id}' cannot be a module id";
                }

                if (!moduleIds.Add(id))
                {
                    return $"module id '{id}' is used twice";
                }
            }

            foreach (var evse in charger.Evses)
            {
                if (evse.Hardware.Validate() is { } problem)
                {
                    return $"EVSE {evse.Id}: {problem}";
                }
            }
        }

        return PowermeterInterval <= TimeSpan.Zero || SessionInfoInterval <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero
            || CommunicationCheckTimeout <= TimeSpan.Zero || EvInfoInterval <= TimeSpan.Zero || ChargingSchedulesInterval <= TimeSpan.Zero
            || StaticInfoInterval <= TimeSpan.Zero || ReversedRequestTimeout <= TimeSpan.Zero || FirmwareRebootDuration <= TimeSpan.Zero
            ? "every interval and timeout must be positive"
            : null;
    }

    /// <summary>
    /// A site of <paramref name="evseCount"/> EVSEs on chargers of two EVSEs each, named like the example site
    /// configuration (<c>cp-1</c>, <c>evse_api_cp1_1</c>, <c>limits_api_cp1_1</c>, <c>system_api_cp1</c>, …).
    /// Every <paramref name="dcEvery"/>-th EVSE is a DC charger (0: none).
    /// </summary>
    public static SimulatorOptions ForEvses(int evseCount, int seed = 1, int dcEvery = 10, Func<EvseSimulationOptions, EvseSimulationOptions>? customize = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evseCount, 1);
        var chargers = new List<SimulatedChargerOptions>();
        var number = 0;
        for (var c = 1; number < evseCount; c++)
        {
            var evses = new List<SimulatedEvseOptions>();
            for (var e = 1; e <= 2 && number < evseCount; e++)
            {
                number++;
                var isDc = dcEvery > 0 && number % dcEvery == 0;
                var hardware = new EvseSimulationOptions
                {
                    EvseNumber = e,
                    EvseId = string.Create(CultureInfo.InvariantCulture, $"DE*SIM*E{c:D4}*{e}"),
                    MeterSerial = string.Create(CultureInfo.InvariantCulture, $"SIM-{c:D4}-{e}"),
                    IsDc = isDc,
                    ConnectorType = isDc ? "cCCS2" : "sType2",
                    MaxCurrentA = isDc ? 63 : 32,
                    PrepareChargingDuration = isDc ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2),
                };
                evses.Add(new SimulatedEvseOptions(
                    string.Create(CultureInfo.InvariantCulture, $"cp-{c}-{e}"),
                    string.Create(CultureInfo.InvariantCulture, $"evse_api_cp{c}_{e}"),
                    string.Create(CultureInfo.InvariantCulture, $"limits_api_cp{c}_{e}"),
                    customize is null ? hardware : customize(hardware)));
            }

            chargers.Add(new SimulatedChargerOptions(
                string.Create(CultureInfo.InvariantCulture, $"cp-{c}"),
                string.Create(CultureInfo.InvariantCulture, $"system_api_cp{c}"),
                string.Create(CultureInfo.InvariantCulture, $"ocpp_api_cp{c}"),
                string.Create(CultureInfo.InvariantCulture, $"session_cost_api_cp{c}"),
                evses));
        }

        return new SimulatorOptions { Chargers = chargers, Seed = seed };
    }
}
