using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Vehicles;

/// <summary>A car plugged into an EVSE: its profile, the token its driver uses, and its battery as it charges.</summary>
public sealed class SimulatedVehicle
{
    public SimulatedVehicle(VehicleProfile profile, IdToken token, int? reservationId = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(token);
        Profile = profile;
        Token = token;
        ReservationId = reservationId;
        SocPercent = profile.InitialSocPercent;
    }

    public VehicleProfile Profile { get; }

    public IdToken Token { get; }

    /// <summary>The reservation this driver holds, if they reserved the EVSE.</summary>
    public int? ReservationId { get; }

    public double SocPercent { get; private set; }

    public double DeliveredWh { get; private set; }

    /// <summary>The car got what its driver wanted (or a full battery) and draws nothing more.</summary>
    public bool IsSatisfied => DeliveredWh >= Profile.EnergyNeededWh || SocPercent >= 100;

    /// <summary>The current the car would draw now if the EVSE offered unlimited current.</summary>
    public double AcceptedCurrentA => IsSatisfied ? 0 : Profile.AcceptedCurrentA(SocPercent);

    internal void Absorb(double energyWh)
    {
        DeliveredWh += energyWh;
        SocPercent = Math.Min(100, SocPercent + (100 * energyWh / Profile.BatteryCapacityWh));
    }
}
