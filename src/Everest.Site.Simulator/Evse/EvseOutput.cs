using Everest.Site.Simulator.Vehicles;

namespace Everest.Site.Simulator.Evse;

/// <summary>Something an EVSE did that the outside world hears about (published, recorded, or both).</summary>
public abstract record EvseOutput;

/// <summary>A <c>session_event</c>.</summary>
public sealed record SessionEventOutput(SessionEventRecord Event) : EvseOutput;

/// <summary>The current offered to the car changed (<c>limits</c>).</summary>
public sealed record OfferedLimitChanged(double MaxCurrentA, int Phases) : EvseOutput;

/// <summary>A new external limit schedule is in force (<c>enforced_limits</c>).</summary>
public sealed record ExternalLimitsChanged(ExternalLimitSchedule Schedule) : EvseOutput;

/// <summary>A car was plugged in: EV info, manufacturer, protocol, phases and cable become known.</summary>
public sealed record VehicleConnected(SimulatedVehicle Vehicle) : EvseOutput;

/// <summary>The car was unplugged.</summary>
public sealed record VehicleDisconnected : EvseOutput;

/// <summary>A DC cable check measured the isolation resistance.</summary>
public sealed record IsolationMeasured(double ResistanceOhm, double VoltageV) : EvseOutput;

/// <summary>The random delay started, ticked, or ended (<c>random_delay_countdown</c>).</summary>
public sealed record RandomDelayChanged(RandomDelayStatus Status) : EvseOutput;

/// <summary>EvseManager's readiness changed (<c>ready</c>, <c>waiting_for_external_ready</c>).</summary>
public sealed record ReadinessChanged(bool Ready, bool WaitingForExternalReady) : EvseOutput;

/// <summary>A car drew more than the current offered to it, for the whole episode.</summary>
public sealed record LimitExceeded(LimitExceedance Exceedance) : EvseOutput;

/// <summary>The UK random delay: how long it still runs and the limits during and after it.</summary>
public sealed record RandomDelayStatus(int CountdownS, double CurrentLimitDuringDelayA, double CurrentLimitAfterDelayA, DateTimeOffset? StartTime);

/// <summary>An episode in which a car's actual current was above the current in force at its EVSE.</summary>
public sealed record LimitExceedance(string EvseId, string SessionUuid, DateTimeOffset Start, DateTimeOffset End, double LimitA, double MaxActualA);
