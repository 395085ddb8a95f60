using System.Numerics;
using Everest.Site.Domain.Allocation;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// Replays the Caltech sessions through the allocator in ACN-Sim's model (acnportal 0.2.1): 5-minute periods, a car
/// present from its arrival period up to, not including, its departure period; every EVSE 0–32 A at 208 V; a car
/// takes min(rate × 208 V, its battery's 6.6 kW, what is left of its request), its battery holding exactly its
/// request; departure and requested energy known; energy not delivered by departure is lost. With a limit that
/// never binds this reproduces ACN-Sim's uncontrolled run on the stored sessions (99.883681 %).
/// </summary>
internal static class AcnReplay
{
    public const double Volts = 208;
    public const double EvseMaxA = 32;
    public const int PeriodMinutes = 5;

    /// <summary>Period 0 of the data set: 2019-03-01 00:00 in Pasadena (only differences matter).</summary>
    private static readonly DateTimeOffset Start = new(2019, 3, 1, 0, 0, 0, TimeSpan.FromHours(-8));

    public static readonly int[] CapacitiesKw = [.. Enumerable.Range(0, 27).Select(i => 10 + (5 * i))];

    /// <summary>The allocator's settings for this replay: no minimum current, no minimum times, 5-minute periods.</summary>
    public static AllocationPolicy Policy(GoalFill fill) => new()
    {
        MinPause = TimeSpan.Zero,
        MinCharge = TimeSpan.Zero,
        ResumeHysteresisA = 0,
        Period = TimeSpan.FromMinutes(PeriodMinutes),
        GoalFill = fill,
    };

    /// <summary>Model "single_phase": one aggregate limit, Σ rate × 208 V ≤ cap.</summary>
    public static SiteModel SinglePhaseSite(double capKw) => new(capKw * 1000 / Volts, voltageV: Volts, gridPhases: 1);

    /// <summary>
    /// Model "three_phase": line-to-line EVSEs behind a delta–wye transformer (constraints of the data set's
    /// README). The per-phase grid limit is set to the sum of every EVSE's maximum, so only the phasor limits bind.
    /// </summary>
    public static SiteModel ThreePhaseSite(double capKw, IReadOnlyCollection<string> stations)
    {
        var ab = Ids("308 508 303 513 310 506 316 500 318 498 324 325 326 327 489 490 491 492 322 493 496 320 495 321 323 494");
        var bc = Ids("304 512 305 511 313 503 311 505 317 499 148 149 212 213");
        var ca = Ids("307 509 309 507 306 510 315 501 319 497 312 504 314 502");
        var ccPod = Ids("322 493 496 320 495 321 323 494");
        var avPod = Ids("324 325 326 327 489 490 491 492");
        var missing = stations.Where(s => !ab.Contains(s) && !bc.Contains(s) && !ca.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"stations without a phase in the three-phase model: {string.Join(", ", missing)}");
        }

        // Each group's phasor sum at its angle; a constraint is a combination of the three group sums.
        var groups = new (string[] Ids, double Angle)[] { (ab, 30), (bc, -90), (ca, 150) };
        PhasorConstraint Combination(string name, double limit, double ab_, double bc_, double ca_)
        {
            var weights = new[] { ab_, bc_, ca_ };
            var terms = new List<PhasorTerm>();
            for (var g = 0; g < 3; g++)
            {
                if (weights[g] != 0)
                {
                    terms.AddRange(groups[g].Ids.Select(id => new PhasorTerm(id, weights[g], groups[g].Angle)));
                }
            }

            return new PhasorConstraint(name, limit, terms);
        }

        var secondary = capKw * 1000 / 3 / 120;
        var primary = capKw * 1000 / 3 / 277;
        var constraints = new List<PhasorConstraint>
        {
            new("CC pod", 80, [.. ccPod.Select(id => new PhasorTerm(id, 1, 0))]),
            new("AV pod", 80, [.. avPod.Select(id => new PhasorTerm(id, 1, 0))]),
            Combination("secondary A", secondary, 1, 0, -1),
            Combination("secondary B", secondary, -1, 1, 0),
            Combination("secondary C", secondary, 0, -1, 1),
            Combination("primary A", primary, 0.25, 0.25, -0.5),
            Combination("primary B", primary, -0.5, 0.25, 0.25),
            Combination("primary C", primary, 0.25, -0.5, 0.25),
        };
        return new SiteModel(EvseMaxA * (ab.Length + bc.Length + ca.Length), voltageV: Volts, gridPhases: 1, phasorConstraints: constraints);
    }

    private static string[] Ids(string numbers) => [.. numbers.Split(' ').Select(n => $"CA-{n}")];

    /// <summary>Energy delivered over energy requested (%), for one capacity.</summary>
    public static double Replay(IReadOnlyList<AcnSession> sessions, SiteModel site, AllocationPolicy policy, out double worstLimitExcess)
    {
        var remainingWh = sessions.Select(s => s.RequestedKwh * 1000).ToArray();
        var requestedWh = remainingWh.Sum();
        var deliveredWh = 0.0;
        var allocator = new SiteAllocator(policy);
        var state = AllocationState.Empty;
        var present = new List<int>();
        var demands = new List<EvseDemand>();
        var next = 0;
        var end = sessions.Max(s => s.Departure);
        worstLimitExcess = 0;
        for (var t = 0; t < end; t++)
        {
            while (next < sessions.Count && sessions[next].Arrival <= t)
            {
                present.Add(next++);
            }

            present.RemoveAll(i => sessions[i].Departure <= t || remainingWh[i] <= 1e-9);
            if (present.Count == 0)
            {
                continue;
            }

            var now = Start.AddMinutes(t * PeriodMinutes);
            demands.Clear();
            foreach (var i in present)
            {
                var session = sessions[i];
                demands.Add(new EvseDemand(session.StationId, EvseDemandState.Charging)
                {
                    Phases = 1,
                    MinCurrentA = 0,
                    MaxCurrentA = EvseMaxA,
                    EvMaxCurrentA = session.MaxPowerKw * 1000 / Volts,
                    Goal = new ChargingGoal(Start.AddMinutes(session.Departure * PeriodMinutes), remainingWh[i]),
                });
            }

            var result = allocator.Allocate(site, demands, state, now);
            state = result.State;
            worstLimitExcess = Math.Max(worstLimitExcess, LimitExcess(site, now, result));

            for (var d = 0; d < present.Count; d++)
            {
                var i = present[d];
                var energy = Math.Min(result.Evses[d].CurrentA * Volts * PeriodMinutes / 60, remainingWh[i]);
                remainingWh[i] -= energy;
                deliveredWh += energy;
            }
        }

        return 100 * deliveredWh / requestedWh;
    }

    /// <summary>How far the decisions go over the site's limits (A; ≤ 0 when they hold), recomputed from the currents.</summary>
    private static double LimitExcess(SiteModel site, DateTimeOffset now, AllocationResult result)
    {
        var currents = new Dictionary<string, double>(result.Evses.Count, StringComparer.Ordinal);
        var sum = 0.0;
        foreach (var evse in result.Evses)
        {
            currents[evse.EvseId] = evse.CurrentA;
            sum += evse.CurrentA;
        }

        var excess = sum - (site.GridMaxCurrentAt(now) - site.SafetyMarginA);
        foreach (var constraint in site.PhasorConstraints)
        {
            excess = Math.Max(excess, Magnitude(constraint, currents) - constraint.LimitA);
        }

        return excess;
    }

    private static double Magnitude(PhasorConstraint constraint, IReadOnlyDictionary<string, double> currents)
    {
        var sum = Complex.Zero;
        foreach (var term in constraint.Terms)
        {
            if (currents.TryGetValue(term.EvseId, out var amps))
            {
                sum += Complex.FromPolarCoordinates(term.Scale * amps, term.AngleDegrees * Math.PI / 180);
            }
        }

        return sum.Magnitude;
    }
}
