using Everest.Site.Domain.Allocation;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// A day at the European depot on virtual time, one-minute steps, each allocator on the same cars. The car
/// model: a car draws what it is given up to its own maximum on its own phases, nothing below 6 A, and stops
/// when it has its energy.
/// </summary>
internal static class DepotDay
{
    private const int Minutes = 24 * 60;

    public static void Run()
    {
        var cars = DepotFleet.Draw(out var turnedAway);
        var demandedWh = cars.Sum(c => c.NeedWh);
        Console.WriteLine($"## European depot day: {cars.Count} visits to {DepotFleet.Evses} EVSEs ({turnedAway} turned away, no EVSE free), "
            + $"{cars.Count(c => c.Phases == 1)} one-phase, {demandedWh / 1000:N0} kWh demanded; seed {DepotFleet.Seed}");
        Console.WriteLine();
        Console.WriteLine("| allocator | energy delivered / demanded | cars that left with their energy | Jain fairness (delivered/needed) | peak grid L1/L2/L3 (limit 250 A) | peak board A / B (limit 100 A) | limit violations (minutes × limits) | pauses + resumes |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        IDepotAllocator[] allocators = [new OursInDepot(withGoals: true), new OursInDepot(withGoals: false), new FcfsClipping(), new EqualShare()];
        foreach (var allocator in allocators)
        {
            var outcome = Simulate(cars, allocator);
            Console.WriteLine($"| {allocator.Name} | {outcome.DeliveredWh / 1000:N0} / {demandedWh / 1000:N0} kWh ({100 * outcome.DeliveredWh / demandedWh:0.0} %) | "
                + $"{outcome.Satisfied} of {cars.Count} ({100.0 * outcome.Satisfied / cars.Count:0} %) | {outcome.Jain:0.000} | "
                + $"{outcome.GridPeak[0]:0} / {outcome.GridPeak[1]:0} / {outcome.GridPeak[2]:0} A | {outcome.BoardPeak[0]:0} / {outcome.BoardPeak[1]:0} A | "
                + $"{outcome.Violations} | {outcome.Flips} |");
        }

        Console.WriteLine();
    }

    private sealed record Outcome(double DeliveredWh, int Satisfied, double Jain, double[] GridPeak, double[] BoardPeak, int Violations, int Flips);

    private static Outcome Simulate(List<DepotCar> cars, IDepotAllocator allocator)
    {
        var evses = DepotFleet.Evses;
        var connected = new DepotCar?[evses];
        var finished = new bool[evses];
        var drawn = Enumerable.Range(0, evses).Select(_ => new double[3]).ToArray();
        var remaining = cars.Select(c => c.NeedWh).ToArray();
        var allocation = new double[evses];
        var wasCharging = new bool?[evses];
        var gridPeak = new double[3];
        var boardPeak = new double[2];
        var violations = 0;
        var flips = 0;
        for (var minute = 0; minute < Minutes; minute++)
        {
            foreach (var car in cars)
            {
                if (car.ArriveMinute == minute)
                {
                    connected[car.Evse] = car;
                    wasCharging[car.Evse] = null;
                    Array.Clear(drawn[car.Evse]);
                }
                else if (car.LeaveMinute == minute && ReferenceEquals(connected[car.Evse], car))
                {
                    connected[car.Evse] = null;
                    Array.Clear(drawn[car.Evse]);
                }
            }

            for (var e = 0; e < evses; e++)
            {
                finished[e] = connected[e] is { } c && remaining[c.Id] <= 1e-6;
            }

            allocator.Allocate(minute, connected, finished, drawn, remaining, allocation);

            var grid = new double[3];
            var boards = new double[2, 3];
            for (var e = 0; e < evses; e++)
            {
                Array.Clear(drawn[e]);
                if (connected[e] is not { } car)
                {
                    continue;
                }

                var charging = allocation[e] >= DepotSite.EvseMinA;
                if (!finished[e])
                {
                    if (wasCharging[e] is { } before && before != charging)
                    {
                        flips++;
                    }

                    wasCharging[e] = charging;
                }

                if (!charging || finished[e])
                {
                    continue;
                }

                var wattsPerA = DepotFleet.Volts * car.Phases / 60.0; // Wh per minute per ampere
                var amps = Math.Min(Math.Min(allocation[e], car.MaxA), remaining[car.Id] / wattsPerA);
                remaining[car.Id] -= amps * wattsPerA;
                for (var p = 0; p < car.Phases; p++)
                {
                    drawn[e][p] = amps;
                    var phase = (int)DepotSite.Rotation(e).GridPhaseOf(p);
                    grid[phase] += amps;
                    boards[DepotSite.Board(e), phase] += amps;
                }
            }

            for (var p = 0; p < 3; p++)
            {
                gridPeak[p] = Math.Max(gridPeak[p], grid[p]);
                violations += grid[p] > DepotSite.GridA + 1e-9 ? 1 : 0;
                for (var b = 0; b < 2; b++)
                {
                    boardPeak[b] = Math.Max(boardPeak[b], boards[b, p]);
                    violations += boards[b, p] > DepotSite.BoardA + 1e-9 ? 1 : 0;
                }
            }
        }

        var ratios = cars.Select(c => (c.NeedWh - remaining[c.Id]) / c.NeedWh).ToArray();
        var jain = ratios.Sum() * ratios.Sum() / (ratios.Length * ratios.Sum(x => x * x));
        return new Outcome(
            cars.Sum(c => c.NeedWh - remaining[c.Id]),
            cars.Count(c => remaining[c.Id] <= 0.005 * c.NeedWh),
            jain,
            gridPeak,
            boardPeak,
            violations,
            flips);
    }
}
