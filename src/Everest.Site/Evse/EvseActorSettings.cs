using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Evse;

/// <summary>
/// Everything one <see cref="EvseActor"/> needs to know about its EVSE, mapped once from the site options so the
/// actor never reads configuration itself.
/// </summary>
/// <param name="EvseId">Our id of the EVSE (<c>chargers[].evses[].id</c>); the persistence id is <c>evse-{EvseId}</c>.</param>
/// <param name="ModuleId">Module id of its evse_manager_consumer API instance.</param>
/// <param name="EnergyLimitsModuleId">Module id of its external_energy_limits_consumer instance, if it has one.</param>
/// <param name="Priority">Higher numbers are served first when current is short.</param>
/// <param name="MeterSamples">Which powermeter readings become history.</param>
/// <param name="SnapshotEvery">A snapshot of the history state is saved after this many events (0: never).</param>
/// <param name="HeartbeatTimeout">Silence on <c>e2m/heartbeat</c> after which the EVSE counts as offline.</param>
/// <param name="OcppModuleId">Module id of the charger's ocpp_consumer instance, whose transaction events give the CSMS transaction id.</param>
public sealed record EvseActorSettings(
    string EvseId,
    string ModuleId,
    string? EnergyLimitsModuleId,
    string Circuit,
    PhaseRotation PhaseRotation,
    int Priority,
    MeterSamplePolicy MeterSamples,
    int SnapshotEvery,
    TimeSpan HeartbeatTimeout,
    string? OcppModuleId = null)
{
    /// <summary>The persistence id of an EVSE's history stream.</summary>
    public static string PersistenceIdOf(string evseId) => $"evse-{evseId}";

    /// <summary>The settings of one configured EVSE.</summary>
    public static EvseActorSettings From(EvseOptions evse, PersistenceOptions persistence, EverestApi.EverestApiOptions api)
    {
        ArgumentNullException.ThrowIfNull(evse);
        ArgumentNullException.ThrowIfNull(persistence);
        ArgumentNullException.ThrowIfNull(api);
        return new EvseActorSettings(
            evse.Id,
            evse.ModuleId,
            string.IsNullOrEmpty(evse.EnergyLimitsModuleId) ? null : evse.EnergyLimitsModuleId,
            evse.Circuit,
            evse.PhaseRotation,
            evse.Priority,
            new MeterSamplePolicy(persistence.MeterSample.Interval, persistence.MeterSample.EnergyDeltaWh),
            persistence.SnapshotEvery,
            api.HeartbeatTimeout,
            string.IsNullOrEmpty(evse.OcppModuleId) ? null : evse.OcppModuleId);
    }
}
