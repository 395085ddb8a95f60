namespace Everest.Site.Simulator.Vehicles;

/// <summary>The spec's <c>CarManufacturer</c> spellings (derived by EVerest from the EV's MAC address).</summary>
public enum CarManufacturer
{
    VolkswagenGroup,
    Tesla,
    Unknown,
}
