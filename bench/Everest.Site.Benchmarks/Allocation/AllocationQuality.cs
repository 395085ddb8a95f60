using System.Diagnostics;
using System.Globalization;
using Everest.Site.Domain.Allocation;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// The allocation-quality benchmarks (not BenchmarkDotNet): the Caltech ACN replay beside ACN-Sim's published
/// table, and a day at a European depot beside two simple allocators. Run with
/// <c>-- allocation-quality [--acn PATH] [--only acn|depot]</c>.
/// </summary>
internal static class AllocationQuality
{
    public const string Command = "allocation-quality";

    /// <summary>ACN-Sim's published results for the single-phase model (mean %, min % over the 27 capacities).</summary>
    private static readonly (string Algorithm, double Mean, double Min)[] Published =
    [
        ("First-come first-served", 95.53, 54.74),
        ("Round robin", 95.39, 55.08),
        ("Earliest deadline first", 96.67, 57.63),
        ("Least laxity first", 96.86, 58.56),
        ("Model-predictive (convex optimisation)", 96.89, 58.72),
        ("Offline optimal", 96.96, 59.17),
        ("Uncontrolled (ignores the capacity)", 99.94, 99.88),
    ];

    private static readonly (string Algorithm, double Mean)[] PublishedThreePhase =
    [
        ("First-come first-served", 91.34),
        ("Round robin", 92.29),
        ("Earliest deadline first", 93.10),
        ("Least laxity first", 93.21),
        ("Model-predictive (convex optimisation)", 95.06),
        ("Offline optimal", 95.26),
    ];

    public static int Run(string[] args)
    {
        string? acnPath = null;
        string? only = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--acn" when i + 1 < args.Length:
                    acnPath = args[++i];
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: {Command} [--acn PATH] [--only acn|depot]");
                    return 2;
            }
        }

        if (only is null or "acn")
        {
            var path = AcnSessions.Locate(acnPath, out var tried);
            if (path is null)
            {
                Console.Error.WriteLine($"The Caltech ACN data set was not found (tried {tried}); pass --acn PATH.");
                return 2;
            }

            RunAcn(AcnSessions.Load(path));
        }

        if (only is null or "depot")
        {
            DepotDay.Run();
        }

        return 0;
    }

    private static void RunAcn(List<AcnSession> stored)
    {
        Console.WriteLine($"## Caltech ACN, March 2019: {stored.Count} sessions, {stored.Sum(s => s.RequestedKwh):N0} kWh requested");
        Console.WriteLine();

        // The data set as stored, and the same sessions as ACN-Sim builds them with force_feasible=True (each request
        // cut to what its stay allows): the published table's uncontrolled runs at 100 % can only come from the latter.
        var feasible = stored.Select(s => s.WithFeasibleRequest()).ToList();
        Console.WriteLine($"{stored.Count(s => s.RequestedKwh > s.WithFeasibleRequest().RequestedKwh + 1e-9)} sessions request more than their stay allows at 6.6 kW; cut to their stay: {feasible.Sum(s => s.RequestedKwh):N1} kWh");
        Console.WriteLine();
        RunAcnVariant("as stored", stored);
        RunAcnVariant("requests cut to the stay (ACN-Sim's force_feasible)", feasible);
    }

    private static void RunAcnVariant(string variant, List<AcnSession> sessions)
    {
        var stations = sessions.Select(s => s.StationId).Distinct().ToList();
        var variants = new[] { ("ours, GoalFill.LeastLaxityFirst", GoalFill.LeastLaxityFirst), ("ours, GoalFill.FairShare (default)", GoalFill.FairShare) };
        var single = new List<(string Name, double[] PerCap)>();
        var three = new List<(string Name, double[] PerCap)>();
        foreach (var (name, fill) in variants)
        {
            var watch = Stopwatch.StartNew();
            single.Add((name, Sweep(sessions, fill, cap => AcnReplay.SinglePhaseSite(cap))));
            three.Add((name, Sweep(sessions, fill, cap => AcnReplay.ThreePhaseSite(cap, stations))));
            Console.Error.WriteLine($"{variant}, {name}: both models in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        // Every car at its maximum, the capacity ignored (ACN-Sim's uncontrolled run): the allocator under a limit that never binds.
        var uncontrolled = AcnReplay.Replay(sessions, AcnReplay.SinglePhaseSite(1_000_000), AcnReplay.Policy(GoalFill.LeastLaxityFirst), out _);

        Console.WriteLine($"### Sessions {variant}");
        Console.WriteLine();
        Console.WriteLine("Single-phase model (aggregate capacity swept 10…140 kW): energy delivered / requested");
        Console.WriteLine();
        Console.WriteLine("| algorithm | mean % | min % |");
        Console.WriteLine("|---|---|---|");
        foreach (var (algorithm, mean, min) in Published)
        {
            Console.WriteLine($"| {algorithm} (published) | {mean:0.00} | {min:0.00} |");
        }

        foreach (var (name, perCap) in single)
        {
            Console.WriteLine($"| **{name}** | **{perCap.Average():0.00}** | **{perCap.Min():0.00}** |");
        }

        // What no allocator can beat in this replay: the best schedule knowing the whole month (a maximum flow).
        var bound = AcnReplay.CapacitiesKw.Select(cap => AcnOfflineOptimum.Percent(sessions, cap)).ToArray();
        Console.WriteLine($"| offline optimum of this replay (maximum flow, knows the whole month) | {bound.Average():0.00} | {bound.Min():0.00} |");
        Console.WriteLine($"| uncontrolled in this replay (capacity ignored) | {uncontrolled:0.000000} | {uncontrolled:0.000000} |");

        Console.WriteLine();
        Console.WriteLine("Three-phase model (delta–wye transformer, line-to-line EVSEs, pods of 80 A)");
        Console.WriteLine();
        Console.WriteLine("| algorithm | mean % | min % |");
        Console.WriteLine("|---|---|---|");
        foreach (var (algorithm, mean) in PublishedThreePhase)
        {
            Console.WriteLine($"| {algorithm} (published) | {mean:0.00} | — |");
        }

        foreach (var (name, perCap) in three)
        {
            Console.WriteLine($"| **{name}** | **{perCap.Average():0.00}** | **{perCap.Min():0.00}** |");
        }

        Console.WriteLine();
        Console.WriteLine($"Per capacity (kW: single-phase % / its offline optimum % / three-phase %), {single[0].Name}:");
        Console.WriteLine(string.Join("  ", AcnReplay.CapacitiesKw.Select((cap, i) => string.Create(CultureInfo.InvariantCulture, $"{cap}: {single[0].PerCap[i]:0.000}/{bound[i]:0.000}/{three[0].PerCap[i]:0.000}"))));
        Console.WriteLine();
    }

    private static double[] Sweep(List<AcnSession> sessions, GoalFill fill, Func<double, SiteModel> site)
    {
        var results = new double[AcnReplay.CapacitiesKw.Length];
        var policy = AcnReplay.Policy(fill);
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            results[i] = AcnReplay.Replay(sessions, site(AcnReplay.CapacitiesKw[i]), policy, out var excess);
            if (excess > 1e-6)
            {
                throw new InvalidOperationException($"limit exceeded by {excess} A at {AcnReplay.CapacitiesKw[i]} kW");
            }
        });
        return results;
    }
}
