using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// A large site for the speed benchmark, drawn from a fixed seed: one circuit per 20 EVSEs (1,000 EVSEs: 50
/// circuits), a tenth of them feeders under the grid and the rest boards under the feeders; limits tight enough
/// that some EVSEs must take turns. The fleet mixes every state, 1- and 3-phase cars on all rotations, cars
/// drawing less than given, priorities, goals, reservations and offline EVSEs.
/// </summary>
internal static class SpeedFleet
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static (SiteModel Site, EvseDemand[] Evses) Create(int count)
    {
        var random = new Random(count);
        var circuitCount = Math.Max(1, count / 20);
        var feeders = Math.Max(1, circuitCount / 10);
        var perBoard = (double)count / circuitCount;
        var circuits = new List<Circuit>();
        for (var c = 0; c < circuitCount; c++)
        {
            circuits.Add(c < feeders
                ? new Circuit($"feeder-{c}", SiteModel.GridId, Math.Round(perBoard * 8 * (circuitCount / (double)feeders) * 0.6))
                : new Circuit($"board-{c}", $"feeder-{c % feeders}", Math.Round(perBoard * 8)));
        }

        var site = new SiteModel(count * 4.0, circuits, safetyMarginA: 2);
        var boards = circuits.Count > feeders ? circuits.Skip(feeders).ToList() : circuits;
        var rotations = Enum.GetValues<PhaseRotation>();
        var evses = new EvseDemand[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var state = roll switch
            {
                < 0.70 => EvseDemandState.Charging,
                < 0.80 => EvseDemandState.Waiting,
                < 0.90 => EvseDemandState.Paused,
                < 0.97 => EvseDemandState.Idle,
                _ => EvseDemandState.Offline,
            };
            var phases = random.NextDouble() < 0.35 ? 1 : 3;
            var evMax = random.NextDouble() < 0.5 ? 16.0 : 10 + random.Next(23);
            var draw = random.NextDouble() < 0.2 ? evMax / 2 : evMax;
            evses[i] = new EvseDemand($"evse-{i:00000}", state)
            {
                CircuitId = boards[i % boards.Count].Id,
                Phases = phases,
                Rotation = rotations[i % rotations.Length],
                EvMaxCurrentA = evMax,
                Measured = state == EvseDemandState.Charging ? new PhaseCurrents(draw, phases > 1 ? draw : 0, phases > 1 ? draw : 0) : null,
                LastDrawA = state == EvseDemandState.Offline ? draw : null,
                Priority = random.NextDouble() < 0.1 ? 1 : 0,
                Goal = random.NextDouble() < 0.2 ? new ChargingGoal(Now.AddHours(1 + random.Next(10)), 5_000 + random.Next(40_000)) : null,
                ReservedHeadroomA = state == EvseDemandState.Idle && random.NextDouble() < 0.3 ? 6 : null,
            };
        }

        return (site, evses);
    }
}
