namespace Everest.Site.EverestApi;

/// <summary>The EVerest API modules this controller talks to; each is one <c>{api}</c> segment of the topics.</summary>
public enum EverestApiType
{
    /// <summary><c>evse_manager_consumer</c>: one instance per EvseManager (EVSE).</summary>
    EvseManagerConsumer,

    /// <summary><c>system</c>: one instance per charger (firmware, logs, reset, time).</summary>
    System,

    /// <summary><c>external_energy_limits_consumer</c>: per-EVSE current limit schedules.</summary>
    ExternalEnergyLimitsConsumer,

    /// <summary><c>ocpp_consumer</c>: OCPP transaction ids, variables, CSMS charging schedules.</summary>
    OcppConsumer,

    /// <summary><c>session_cost</c>: live cost and tariff texts for the charger's display.</summary>
    SessionCost,
}
