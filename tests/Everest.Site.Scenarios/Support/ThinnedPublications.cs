using Everest.Site.Simulator.Site;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The simulator's EVerest publications thinned out for runs over hours or days of simulated time: EVerest publishes
/// the meter and session info about once a second, which over such a run would cost more than the sessions under
/// test. Here they come every 10 s, the heartbeat every 30 s (a controller that declares an EVSE offline must wait
/// longer than that), the car's data every minute, charging schedules every 10 and static data every 30 minutes.
/// </summary>
internal static class ThinnedPublications
{
    public static SimulatorOptions WithThinnedPublications(this SimulatorOptions options) =>
        options with
        {
            PowermeterInterval = TimeSpan.FromSeconds(10),
            SessionInfoInterval = TimeSpan.FromSeconds(10),
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            EvInfoInterval = TimeSpan.FromMinutes(1),
            ChargingSchedulesInterval = TimeSpan.FromMinutes(10),
            StaticInfoInterval = TimeSpan.FromMinutes(30),
        };
}
