using System.Globalization;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// An experiment, not a benchmark of the product: online policies for ACN-Sim's single-phase model on the requests
/// cut to the stay, simulated directly in kWh per 5-minute period (a car takes at most its 6.6 kW for a period and
/// what is left of its request; the capacity holds every period), to measure whether an energy-maximising lookahead
/// over the cars present reaches the offline optimum at 10 kW, and what knowing the coming arrivals is worth. Run
/// with <c>-- acn-lookahead [--acn PATH] [--caps 10,15] [--policies least-laxity,lookahead]</c>.
/// </summary>
/// <remarks>
/// Policies: <c>least-laxity</c> (each car, least laxity first, takes what it can: what the product's
/// <c>GoalFill.LeastLaxityFirst</c> does in this model); <c>lookahead</c> (each period, a minimum-cost maximum flow
/// over the cars present and their remaining stays — periods grouped into blocks between departures, the first
/// period a block of its own and cheapest, ties at it to the least laxity — and the first period of that plan);
/// <c>lookahead-edf</c> (the same, ties to the earliest departure); <c>lookahead-late</c> (the same as
/// <c>lookahead</c>, and the later periods cheaper the later they are, so that cars staying late keep their demand
/// for later); <c>oracle-H</c> (<c>lookahead</c> that also knows the sessions arriving in the next H periods: their
/// arrival, departure and request — not an online policy, it measures what that knowledge buys);
/// <c>forecast-H</c> (<c>lookahead</c> that takes the finished sessions of the day before, arriving in the same next H
/// periods, as a forecast of today's: online, it uses only the past).
/// </remarks>
internal static partial class AcnLookahead
{
    public const string Command = "acn-lookahead";

    private const double PeriodHours = AcnReplay.PeriodMinutes / 60.0;

    /// <summary>Makes the current period dominate the tie-breaks, so the plan fills it first.</summary>
    private const double FirstPeriodWeight = 1e6;

    /// <summary>
    /// What a planned kWh is worth: above the current period's weight even for a forecast car valued at 0.001, so the
    /// plan delivers the most energy first (the real cars' before the forecast's), and only then fills the current period.
    /// </summary>
    private const double EnergyWeight = 1e10;

    /// <summary>The cost of planning a kWh into capacity that the forecast expects others to use: below energy, above the current period.</summary>
    private const double BusyWeight = 1e8;

    public static int Run(string[] args)
    {
        string? acnPath = null;
        var caps = AcnReplay.CapacitiesKw;
        string[] policies = ["least-laxity", "lookahead"];
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--acn" when i + 1 < args.Length:
                    acnPath = args[++i];
                    break;
                case "--caps" when i + 1 < args.Length:
                    caps = [.. args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--policies" when i + 1 < args.Length:
                    policies = args[++i].Split(',');
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: {Command} [--acn PATH] [--caps 10,15] [--policies least-laxity,lookahead,lookahead-edf,lookahead-late,oracle-H,forecast-H]");
                    return 2;
            }
        }

        var path = AcnSessions.Locate(acnPath, out var tried);
        if (path is null)
        {
            Console.Error.WriteLine($"The Caltech ACN data set was not found (tried {tried}); pass --acn PATH.");
            return 2;
        }

        var sessions = AcnSessions.Load(path).Select(s => s.WithFeasibleRequest()).ToList();
        foreach (var policy in policies)
        {
            var perCap = caps.Select(cap => Simulate(sessions, cap, policy)).ToArray();
            Console.WriteLine($"{policy}: mean {perCap.Average():0.0000} % min {perCap.Min():0.0000} %  per kW: "
                + string.Join(" ", caps.Select((cap, i) => string.Create(CultureInfo.InvariantCulture, $"{cap}:{perCap[i]:0.0000}"))));
        }

        return 0;
    }

    /// <summary>Energy delivered over energy requested (%) of one policy at one capacity.</summary>
    private static double Simulate(List<AcnSession> sessions, int capKw, string policy)
    {
        var remaining = sessions.Select(s => s.RequestedKwh).ToArray();
        var requested = remaining.Sum();
        var delivered = 0.0;
        var capacity = capKw * PeriodHours;
        var present = new List<int>();
        var next = 0;
        var end = sessions.Max(s => s.Departure);
        var usedByPeriod = new double[end];
        for (var t = 0; t < end; t++)
        {
            while (next < sessions.Count && sessions[next].Arrival <= t)
            {
                present.Add(next++);
            }

            present.RemoveAll(i => sessions[i].Departure <= t || remaining[i] <= 1e-12);
            if (present.Count == 0)
            {
                continue;
            }

            var known = new List<int>(present);
            if (policy.StartsWith("oracle-", StringComparison.Ordinal))
            {
                var horizon = int.Parse(policy["oracle-".Length..], CultureInfo.InvariantCulture);
                for (var f = next; f < sessions.Count && sessions[f].Arrival <= t + horizon; f++)
                {
                    known.Add(f);
                }
            }

            var cars = known.Select(i => new Car(
                remaining[i],
                Math.Min(sessions[i].MaxPowerKw, AcnReplay.EvseMaxA * AcnReplay.Volts / 1000) * PeriodHours,
                Math.Max(0, sessions[i].Arrival - t),
                sessions[i].Departure - t)).ToList();
            var forecast = Forecast.Parse(policy);
            if (forecast is not null)
            {
                cars.AddRange(forecast.Phantoms(sessions, next, t));
            }

            var given = policy == "least-laxity" ? LeastLaxityFirst([.. cars], capacity) : FirstPeriodOfPlan([.. cars], capacity, policy, forecast?.PhantomValue ?? 1, forecast?.SpareCapacity(usedByPeriod, capacity, t));
            var used = 0.0;
            for (var k = 0; k < present.Count; k++)
            {
                var energy = Math.Min(Math.Min(given[k], cars[k].RateKwh), cars[k].RemainingKwh);
                used += energy;
                remaining[present[k]] -= energy;
                delivered += energy;
            }

            usedByPeriod[t] = used;
            if (used > capacity + 1e-9)
            {
                throw new InvalidOperationException($"period {t}: {used} kWh over the capacity {capacity} kWh");
            }
        }

        return 100 * delivered / requested;
    }

    private static double Laxity(Car car) => car.Departure - (car.RemainingKwh / car.RateKwh);

    private static double[] LeastLaxityFirst(Car[] cars, double capacity)
    {
        var given = new double[cars.Length];
        var left = capacity;
        foreach (var k in Enumerable.Range(0, cars.Length).OrderBy(k => Laxity(cars[k])))
        {
            given[k] = Math.Min(Math.Min(cars[k].RateKwh, cars[k].RemainingKwh), left);
            left -= given[k];
        }

        return given;
    }

    /// <summary>What each car gets now in a minimum-cost maximum flow over the known cars' remaining stays.</summary>
    /// <param name="phantomValue">What a kWh planned for a forecast car is worth beside a real car's (0 &lt; value ≤ 1).</param>
    /// <param name="spare">
    /// When known, the capacity expected to go unused in each coming period (index 0: the next): capacity beyond it costs
    /// <see cref="BusyWeight"/> per kWh, so energy put off is put off into those periods.
    /// </param>
    private static double[] FirstPeriodOfPlan(Car[] cars, double capacity, string policy, double phantomValue, double[]? spare)
    {
        var n = cars.Length;

        // Blocks of periods in which the same cars are present end at every arrival and departure; period 0 is its own.
        var ends = cars.Select(c => c.Departure).Concat(cars.Select(c => c.Arrival).Where(a => a > 0)).Append(1).Distinct().Order().ToArray();
        var rank = new int[n];
        var byTie = policy == "lookahead-edf"
            ? Enumerable.Range(0, n).OrderBy(k => cars[k].Departure)
            : Enumerable.Range(0, n).OrderBy(k => Laxity(cars[k]));
        var r = 0;
        foreach (var k in byTie)
        {
            rank[k] = r++;
        }

        const int source = 0;
        const int sink = 1;
        var graph = new MinCostFlow(2 + n + ends.Length);
        var firstPeriod = new int[n];
        for (var k = 0; k < n; k++)
        {
            graph.Add(source, 2 + k, cars[k].RemainingKwh, -EnergyWeight * (cars[k].Phantom ? phantomValue : 1));
            var start = 0;
            for (var b = 0; b < ends.Length; b++)
            {
                if (start >= cars[k].Arrival && ends[b] <= cars[k].Departure)
                {
                    var cost = b == 0 ? -FirstPeriodWeight - (n - rank[k])
                        : policy == "lookahead-late" ? -(start + ends[b]) / 2.0
                        : 0;
                    var edge = graph.Add(2 + k, 2 + n + b, cars[k].RateKwh * (ends[b] - start), cost);
                    if (b == 0)
                    {
                        firstPeriod[k] = edge;
                    }
                }

                start = ends[b];
            }
        }

        var previous = 0;
        for (var b = 0; b < ends.Length; b++)
        {
            var total = capacity * (ends[b] - previous);
            var free = b == 0 || spare is null ? total
                : Math.Min(total, Enumerable.Range(previous, ends[b] - previous).Sum(j => j - 1 < spare.Length ? Math.Max(0, spare[j - 1]) : capacity));
            graph.Add(2 + n + b, sink, free, 0);
            if (total - free > 1e-12)
            {
                graph.Add(2 + n + b, sink, total - free, BusyWeight);
            }

            previous = ends[b];
        }

        graph.Run(source, sink);

        // Cars not yet arrived have no edge into period 0 and get nothing now.
        return [.. Enumerable.Range(0, n).Select(k => cars[k].Arrival == 0 ? graph.Flow(firstPeriod[k]) : 0)];
    }

    /// <param name="RemainingKwh">Energy still requested.</param>
    /// <param name="RateKwh">The most it takes in one period.</param>
    /// <param name="Arrival">Periods from now until it arrives (0: present).</param>
    /// <param name="Departure">Periods from now until it leaves.</param>
    /// <param name="Phantom">A forecast car, not a real one.</param>
    private sealed record Car(double RemainingKwh, double RateKwh, int Arrival, int Departure, bool Phantom = false);

    /// <summary>Successive shortest paths (a Bellman–Ford queue) on real capacities: a maximum flow of least cost.</summary>
    private sealed class MinCostFlow(int nodes)
    {
        private const double Epsilon = 1e-12;

        /// <summary>Costs reach 1e10 per kWh; below this a difference in path cost is rounding.</summary>
        private const double CostTolerance = 1e-4;
        private readonly List<int>[] _edgesOf = [.. Enumerable.Range(0, nodes).Select(_ => new List<int>())];
        private readonly List<int> _to = [];
        private readonly List<double> _residual = [];
        private readonly List<double> _capacity = [];
        private readonly List<double> _cost = [];

        public int Add(int from, int to, double capacity, double cost)
        {
            var id = _to.Count;
            _edgesOf[from].Add(id);
            _to.Add(to);
            _residual.Add(capacity);
            _capacity.Add(capacity);
            _cost.Add(cost);
            _edgesOf[to].Add(id + 1);
            _to.Add(from);
            _residual.Add(0);
            _capacity.Add(0);
            _cost.Add(-cost);
            return id;
        }

        public double Flow(int edge) => _capacity[edge] - _residual[edge];

        public void Run(int source, int sink)
        {
            var distance = new double[nodes];
            var via = new int[nodes];
            var queued = new bool[nodes];
            var queue = new Queue<int>();
            while (true)
            {
                Array.Fill(distance, double.PositiveInfinity);
                Array.Fill(via, -1);
                Array.Fill(queued, false);
                queue.Clear();
                distance[source] = 0;
                queue.Enqueue(source);
                queued[source] = true;

                // Rounding can leave a residual cycle of tiny negative cost; the bound keeps it from looping forever.
                var relaxations = 0L;
                while (queue.TryDequeue(out var node) && relaxations++ < 50L * nodes * nodes)
                {
                    queued[node] = false;
                    foreach (var edge in _edgesOf[node])
                    {
                        var to = _to[edge];
                        if (_residual[edge] > Epsilon && distance[node] + _cost[edge] < distance[to] - CostTolerance)
                        {
                            distance[to] = distance[node] + _cost[edge];
                            via[to] = edge;
                            if (!queued[to])
                            {
                                queued[to] = true;
                                queue.Enqueue(to);
                            }
                        }
                    }
                }

                // A flow of least cost, not always a maximum one: energy worth less than it costs is not planned.
                if (via[sink] < 0 || distance[sink] >= -CostTolerance)
                {
                    return;
                }

                var push = double.PositiveInfinity;
                for (var node = sink; node != source; node = _to[via[node] ^ 1])
                {
                    push = Math.Min(push, _residual[via[node]]);
                }

                if (push <= Epsilon)
                {
                    return;
                }

                for (var node = sink; node != source; node = _to[via[node] ^ 1])
                {
                    _residual[via[node]] -= push;
                    _residual[via[node] ^ 1] += push;
                }
            }
        }
    }
}
