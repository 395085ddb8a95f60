namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// The most energy any schedule can deliver in the single-phase replay, knowing every session in advance: a
/// maximum flow from the sessions (each up to its requested energy) through the periods of its stay (each up to
/// its rate cap for one period) into the periods (each up to the capacity for one period). It bounds every
/// allocator, online or not, in exactly the model <see cref="AcnReplay"/> replays.
/// </summary>
internal static class AcnOfflineOptimum
{
    /// <summary>Energy delivered over energy requested (%) of the best offline schedule at <paramref name="capKw"/>.</summary>
    public static double Percent(IReadOnlyList<AcnSession> sessions, double capKw)
    {
        var first = sessions.Min(s => s.Arrival);
        var periods = sessions.Max(s => s.Departure) - first;
        var periodHours = AcnReplay.PeriodMinutes / 60.0;
        const int source = 0;
        const int sink = 1;
        var graph = new FlowGraph(2 + sessions.Count + periods);
        for (var i = 0; i < sessions.Count; i++)
        {
            var session = sessions[i];
            var rateKw = Math.Min(session.MaxPowerKw, AcnReplay.EvseMaxA * AcnReplay.Volts / 1000);
            graph.Add(source, 2 + i, session.RequestedKwh);
            for (var t = session.Arrival; t < session.Departure; t++)
            {
                graph.Add(2 + i, 2 + sessions.Count + t - first, rateKw * periodHours);
            }
        }

        for (var t = 0; t < periods; t++)
        {
            graph.Add(2 + sessions.Count + t, sink, capKw * periodHours);
        }

        return 100 * graph.MaxFlow(source, sink) / sessions.Sum(s => s.RequestedKwh);
    }

    /// <summary>Dinic's maximum flow on real capacities (levels by breadth-first search, blocking flows by an explicit stack).</summary>
    private sealed class FlowGraph(int nodes)
    {
        private const double Epsilon = 1e-12;
        private readonly List<int>[] _edgesOf = [.. Enumerable.Range(0, nodes).Select(_ => new List<int>())];
        private readonly List<int> _to = [];
        private readonly List<double> _residual = [];

        public void Add(int from, int to, double capacity)
        {
            _edgesOf[from].Add(_to.Count);
            _to.Add(to);
            _residual.Add(capacity);
            _edgesOf[to].Add(_to.Count);
            _to.Add(from);
            _residual.Add(0);
        }

        public double MaxFlow(int source, int sink)
        {
            var level = new int[nodes];
            var next = new int[nodes];
            var total = 0.0;
            while (Levels(source, sink, level))
            {
                Array.Clear(next);
                double pushed;
                while ((pushed = Augment(source, sink, level, next)) > Epsilon)
                {
                    total += pushed;
                }
            }

            return total;
        }

        private bool Levels(int source, int sink, int[] level)
        {
            Array.Fill(level, -1);
            level[source] = 0;
            var queue = new Queue<int>();
            queue.Enqueue(source);
            while (queue.TryDequeue(out var node))
            {
                foreach (var edge in _edgesOf[node])
                {
                    if (_residual[edge] > Epsilon && level[_to[edge]] < 0)
                    {
                        level[_to[edge]] = level[node] + 1;
                        queue.Enqueue(_to[edge]);
                    }
                }
            }

            return level[sink] >= 0;
        }

        /// <summary>One augmenting path along the levels (the path's edges on a stack), or 0 when none is left.</summary>
        private double Augment(int source, int sink, int[] level, int[] next)
        {
            var path = new Stack<int>();
            var node = source;
            while (true)
            {
                if (node == sink)
                {
                    var bottleneck = path.Min(e => _residual[e]);
                    foreach (var edge in path)
                    {
                        _residual[edge] -= bottleneck;
                        _residual[edge ^ 1] += bottleneck;
                    }

                    return bottleneck;
                }

                var edges = _edgesOf[node];
                var advanced = false;
                while (next[node] < edges.Count)
                {
                    var edge = edges[next[node]];
                    if (_residual[edge] > Epsilon && level[_to[edge]] == level[node] + 1)
                    {
                        path.Push(edge);
                        node = _to[edge];
                        advanced = true;
                        break;
                    }

                    next[node]++;
                }

                if (advanced)
                {
                    continue;
                }

                // A dead end: nothing more flows through this node in this phase; step back along the path.
                level[node] = -1;
                if (path.Count == 0)
                {
                    return 0;
                }

                var back = path.Pop();
                node = _to[back ^ 1];
                next[node]++;
            }
        }
    }
}
