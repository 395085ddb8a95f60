using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// A fixed, dense plan of cars for every EVSE: three rounds, 20 simulated minutes apart, each EVSE's car arriving
/// 0.7 minutes after the previous EVSE's and staying 10 to 17 minutes. Within each round cars arrive during the first
/// 14 minutes and leave from the 11th on, so at any moment of a round some are charging, some plugging in and
/// some leaving. Every other car wants little energy (it is full before it leaves); the others are still
/// charging when their driver unplugs.
/// </summary>
internal static class ChargingPlan
{
    public const int Rounds = 3;
    public static readonly TimeSpan RoundLength = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan FirstArrival = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ArrivalStagger = TimeSpan.FromMinutes(0.7);

    /// <param name="rounds">How many rounds of cars (each <see cref="RoundLength"/> of simulated time).</param>
    public static IReadOnlyList<PlannedSession> For(SimulatorOptions site, DateTimeOffset start, int rounds = Rounds)
    {
        var evses = site.Chargers.SelectMany(c => c.Evses).ToList();
        var plan = new List<PlannedSession>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < evses.Count; i++)
            {
                var arrival = start + FirstArrival + (ArrivalStagger * i) + (RoundLength * round);
                var dwell = TimeSpan.FromMinutes(10 + (((3 * i) + (5 * round)) % 8));
                var fillsUp = (i + round) % 2 == 0;
                var energyWh = fillsUp ? 300 + (50 * i) : 40_000;
                var (maxCurrentA, phases) = (i % 3) switch
                {
                    0 => (16.0, 1),
                    1 => (16.0, 3),
                    _ => (32.0, 3),
                };
                plan.Add(new PlannedSession(arrival, arrival + dwell, energyWh, maxCurrentA, phases) { EvseModuleId = evses[i].ModuleId });
            }
        }

        return plan;
    }
}
