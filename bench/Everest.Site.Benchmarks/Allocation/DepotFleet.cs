namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// The depot's day, drawn from a fixed seed so that every run compares the allocators on the same cars.
/// <list type="bullet">
/// <item>40 cars in a morning wave: arrival normal around 07:45 (σ 45 min, kept within 05:30–11:00), stay normal
/// around 8.5 h (σ 1.5 h, 3–11 h).</item>
/// <item>24 cars in an afternoon wave: arrival normal around 15:00 (σ 2 h, 11:00–21:00), stay normal around 4 h
/// (σ 2 h, 1–8 h, and gone by midnight).</item>
/// <item>Car types: 25 % one-phase 16 A, 10 % one-phase 32 A, 45 % three-phase 16 A, 20 % three-phase 32 A.</item>
/// <item>Energy need: uniform between 8 and 60 kWh, at most 90 % of what the car could take at its maximum
/// during its stay (so an unconstrained site would satisfy every car).</item>
/// <item>A car takes the first free EVSE in a seeded shuffled order; a car that finds none is turned away.</item>
/// </list>
/// </summary>
internal static class DepotFleet
{
    public const int Seed = 20_261_130;
    public const int Evses = 40;
    public const double Volts = 230;

    public static List<DepotCar> Draw(out int turnedAway)
    {
        var random = new Random(Seed);
        var visits = new List<(int Arrive, int Leave)>();
        for (var i = 0; i < 40; i++)
        {
            var arrive = Clamp(Normal(random, 7.75 * 60, 45), 5.5 * 60, 11 * 60);
            visits.Add((arrive, arrive + Clamp(Normal(random, 8.5 * 60, 90), 3 * 60, 11 * 60)));
        }

        for (var i = 0; i < 24; i++)
        {
            var arrive = Clamp(Normal(random, 15 * 60, 120), 11 * 60, 21 * 60);
            visits.Add((arrive, Math.Min(arrive + Clamp(Normal(random, 4 * 60, 120), 60, 8 * 60), (24 * 60) - 1)));
        }

        visits.Sort();
        var freeAt = new int[Evses];
        var order = Enumerable.Range(0, Evses).ToArray();
        random.Shuffle(order);
        var cars = new List<DepotCar>();
        turnedAway = 0;
        foreach (var (arrive, leave) in visits)
        {
            var evse = Array.Find(order, e => freeAt[e] <= arrive);
            if (freeAt[evse] > arrive)
            {
                turnedAway++;
                continue;
            }

            freeAt[evse] = leave;
            var type = random.NextDouble();
            var (phases, maxA) = type switch
            {
                < 0.25 => (1, 16.0),
                < 0.35 => (1, 32.0),
                < 0.80 => (3, 16.0),
                _ => (3, 32.0),
            };
            var possibleWh = maxA * Volts * phases * (leave - arrive) / 60.0;
            var needWh = Math.Min(8_000 + (random.NextDouble() * 52_000), 0.9 * possibleWh);
            cars.Add(new DepotCar(cars.Count, evse, arrive, leave, phases, maxA, needWh));
        }

        return cars;
    }

    private static int Clamp(double minutes, double low, double high) => (int)Math.Round(Math.Clamp(minutes, low, high));

    private static double Normal(Random random, double mean, double sigma)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
