using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Site;

/// <summary>One EVSE as the site simulator runs it: the EvseManager state machine plus its publication schedule.</summary>
public sealed class SimulatedEvse : IDisposable
{
    internal SimulatedEvse(SimulatedChargerOptions charger, SimulatedEvseOptions options, EvseSimulation simulation, DateTimeOffset start)
    {
        Charger = charger;
        Options = options;
        Simulation = simulation;
        NextPowermeterAt = start;
        NextSessionInfoAt = start;
        NextEvInfoAt = start;
        NextStaticInfoAt = start;
    }

    public SimulatedChargerOptions Charger { get; }

    public SimulatedEvseOptions Options { get; }

    public string ModuleId => Options.ModuleId;

    /// <summary>The EvseManager state machine (read it between simulator steps; the simulator drives it).</summary>
    public EvseSimulation Simulation { get; }

    /// <summary>When the plugged-in car's driver comes back.</summary>
    internal DateTimeOffset? DepartureAt { get; set; }

    /// <summary>The departure the plugged-in car tells in its ev_info; null when it tells none.</summary>
    internal DateTimeOffset? AnnouncedDepartureAt { get; set; }

    /// <summary>The CSMS transaction id of the running transaction (joins ocpp_transaction_event to the session).</summary>
    internal string? CsmsTransactionId { get; set; }

    internal EvseState? LastPublishedState { get; set; }

    internal DateTimeOffset NextPowermeterAt { get; set; }

    internal DateTimeOffset NextSessionInfoAt { get; set; }

    internal DateTimeOffset NextEvInfoAt { get; set; }

    internal DateTimeOffset NextStaticInfoAt { get; set; }

    /// <summary>Whether the next ChargingStarted follows a pause (reported to OCPP as an update, not a start).</summary>
    internal bool ChargedBeforeInTransaction { get; set; }

    public void Dispose() => Simulation.Dispose();
}
