namespace Everest.Site.Simulator.Vehicles;

/// <summary>
/// What a car brings to the charger: its battery, what the driver wants, and what its on-board charger can take.
/// </summary>
/// <param name="EnergyNeededWh">Energy the driver wants; the car stops drawing once it has it (or the battery is full).</param>
/// <param name="MaxCurrentA">Per-phase current the on-board charger accepts at most.</param>
/// <param name="Phases">Phases the on-board charger uses (1 or 3).</param>
/// <param name="TaperStartSocPercent">Above this state of charge the car draws less and less (constant-voltage phase).</param>
/// <param name="EvccId">The car's MAC address (EVCC id), <c>xx:xx:xx:xx:xx:xx</c>.</param>
public sealed record VehicleProfile(
    double BatteryCapacityWh,
    double InitialSocPercent,
    double EnergyNeededWh,
    double MaxCurrentA,
    int Phases,
    CarManufacturer Manufacturer,
    string EvccId,
    double TaperStartSocPercent = 80)
{
    /// <summary>The current the car accepts at a state of charge: full up to the taper, then falling towards 10 % at 100 % SoC.</summary>
    public double AcceptedCurrentA(double socPercent)
    {
        if (socPercent <= TaperStartSocPercent)
        {
            return MaxCurrentA;
        }

        var fractionOfTaper = Math.Clamp((socPercent - TaperStartSocPercent) / (100 - TaperStartSocPercent), 0, 1);
        return MaxCurrentA * (1 - (0.9 * fractionOfTaper));
    }

    /// <summary>Checks the profile and says what is wrong in words (null when valid).</summary>
    public string? Validate() =>
        BatteryCapacityWh <= 0 ? "battery capacity must be positive"
        : InitialSocPercent is < 0 or > 100 ? "initial state of charge must be within 0..100 %"
        : EnergyNeededWh < 0 ? "energy needed must not be negative"
        : MaxCurrentA <= 0 ? "maximum current must be positive"
        : Phases is not (1 or 2 or 3) ? "phases must be 1, 2 or 3"
        : null;
}
