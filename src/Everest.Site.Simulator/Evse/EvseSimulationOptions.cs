namespace Everest.Site.Simulator.Evse;

/// <summary>The hardware and behaviour of one simulated EVSE. Currents are per phase, in amperes.</summary>
public sealed record EvseSimulationOptions
{
    /// <summary>The EVSE's number within its charger (1-based), as <c>get_evse</c> reports it.</summary>
    public int EvseNumber { get; init; } = 1;

    /// <summary>The EVSE id including connector, e.g. <c>DE*SIM*E0001*1</c>.</summary>
    public string EvseId { get; init; } = "DE*SIM*E0001*1";

    public double MaxCurrentA { get; init; } = 32;

    /// <summary>Below this offered current an AC car cannot charge: the EVSE waits for energy instead.</summary>
    public double MinCurrentA { get; init; } = 6;

    public int Phases { get; init; } = 3;

    public double VoltageV { get; init; } = 230;

    /// <summary>The connector type (spec spelling, e.g. <c>cType2</c>, <c>sType2</c>, <c>cCCS2</c>).</summary>
    public string ConnectorType { get; init; } = "sType2";

    /// <summary>A DC charger additionally reports DC voltage/current, mode, capabilities and isolation checks.</summary>
    public bool IsDc { get; init; }

    public AuthorizationMode AuthorizationMode { get; init; } = AuthorizationMode.Local;

    /// <summary>How long EVerest's Auth module takes to accept a token in <see cref="AuthorizationMode.Local"/>.</summary>
    public TimeSpan LocalAuthorizationDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a car takes to follow a new offered current (IEC 61851 allows up to 5 s). While it lags behind a
    /// lowered limit, its current is above the limit in force and the ground truth records an exceedance.
    /// </summary>
    public TimeSpan VehicleResponseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long <c>PrepareCharging</c> lasts (AC: the car closing its contactor; DC: cable check and pre-charge).</summary>
    public TimeSpan PrepareChargingDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a charging car pauses on its own, per hour of charging (battery conditioning and the like).</summary>
    public double VehiclePausesPerHour { get; init; } = 0.5;

    public TimeSpan VehiclePauseMin { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan VehiclePauseMax { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Chance that a driver stops the transaction with their card before unplugging (else they just unplug).</summary>
    public double LocalStopProbability { get; init; } = 0.5;

    /// <summary>EvseManager's <c>external_ready_to_start_charging</c> gate: not ready until the controller says so.</summary>
    public bool WaitForExternalReady { get; init; }

    /// <summary>The UK random-delay maximum (EVerest's default is 600 s).</summary>
    public TimeSpan RandomDelayMaxDuration { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The meter's serial number in OCMF records.</summary>
    public string MeterSerial { get; init; } = "SIM-METER-0001";

    /// <summary>Says what is wrong in words, or null when the options are usable.</summary>
    public string? Validate() =>
        EvseNumber < 1 ? "evse number must be 1 or more"
        : string.IsNullOrWhiteSpace(EvseId) ? "evse id must not be empty"
        : MaxCurrentA <= 0 ? "max current must be positive"
        : MinCurrentA < 0 || MinCurrentA > MaxCurrentA ? "min current must be within 0..max current"
        : Phases is not (1 or 2 or 3) ? "phases must be 1, 2 or 3"
        : VoltageV <= 0 ? "voltage must be positive"
        : VehiclePauseMax < VehiclePauseMin ? "vehicle pause max must not be below its min"
        : null;
}
