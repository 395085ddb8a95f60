using System.Numerics;
using Everest.Site.Domain.Allocation;
using FsCheck;
using FsCheck.Fluent;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>The guarantees on sites described by phasor limits (transformers, line-to-line wiring).</summary>
public sealed class PhasorProperties
{
    private sealed record PhasorSite(SiteModel Site, EvseDemand[] Evses)
    {
        public override string ToString() =>
            string.Join("\n", Site.PhasorConstraints.Select(c => $"{c.Name} ≤ {c.LimitA}: {string.Join(" + ", c.Terms.Select(t => $"{t.Scale}·{t.EvseId}∠{t.AngleDegrees}"))}"))
            + "\n" + string.Join("\n", Evses.Select(e => $"{e.Id} {e.MinCurrentA}..{e.MaxCurrentA} A, priority {e.Priority}, goal {e.Goal}"));
    }

    private static readonly Gen<PhasorSite> Sites =
        from count in Gen.Choose(1, 14)
        from evses in Gen.CollectToArray(Enumerable.Range(0, count), i =>
            from min in Gen.Elements(0.0, 0.0, 6.0)
            from max in Gen.Choose(6, 32)
            from priority in Gen.Choose(0, 1)
            from goalHours in Gen.Choose(-1, 12)
            from goalWh in Gen.Choose(0, 40_000)
            select new EvseDemand($"e{i}", EvseDemandState.Charging)
            {
                Phases = 1,
                MinCurrentA = min,
                MaxCurrentA = max,
                Priority = priority,
                Goal = goalHours >= 0 ? new ChargingGoal(AllocationGenerators.Now.AddHours(goalHours), goalWh) : null,
            })
        from constraints in Gen.Choose(1, 5).SelectMany(k => Gen.CollectToArray(Enumerable.Range(0, k), j =>
            from members in Gen.SubListOf(evses.Select(e => e.Id).ToArray())
            from angles in Gen.CollectToArray(members, _ => Gen.Elements(0.0, 30, -90, 150, 120, -30, 180))
            from scales in Gen.CollectToArray(members, _ => Gen.Elements(1.0, -1, 0.25, -0.5))
            from limit in Gen.Choose(5, 150)
            select new PhasorConstraint($"p{j}", limit, [.. members.Select((id, m) => new PhasorTerm(id, scales[m], angles[m]))])))
        from fill in Gen.Elements(GoalFill.FairShare, GoalFill.LeastLaxityFirst)
        select new PhasorSite(new SiteModel(1000, voltageV: 208, gridPhases: 1, phasorConstraints: constraints), evses);

    private static double Magnitude(PhasorConstraint constraint, AllocationResult result) =>
        constraint.Terms.Aggregate(Complex.Zero, (sum, t) => sum + Complex.FromPolarCoordinates(t.Scale * result.Of(t.EvseId).CurrentA, t.AngleDegrees * Math.PI / 180)).Magnitude;

    [Fact]
    public void No_phasor_limit_is_exceeded_everyone_is_within_bounds_and_nobody_could_be_raised_alone()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Sites.ToArbitrary(), s =>
        {
            var allocator = new SiteAllocator(new AllocationPolicy { MinPause = TimeSpan.Zero, MinCharge = TimeSpan.Zero, ResumeHysteresisA = 0, Period = TimeSpan.FromMinutes(5) });
            var result = allocator.Allocate(s.Site, s.Evses, AllocationState.Empty, AllocationGenerators.Now);
            foreach (var constraint in s.Site.PhasorConstraints)
            {
                Assert.True(Magnitude(constraint, result) <= constraint.LimitA + 1e-6, $"{constraint.Name}: {Magnitude(constraint, result)} > {constraint.LimitA}\n{s}");
            }

            foreach (var demand in s.Evses)
            {
                var decision = result.Of(demand.Id);
                if (!decision.Charging)
                {
                    Assert.Equal(0, decision.CurrentA);
                    continue;
                }

                Assert.InRange(decision.CurrentA, demand.MinCurrentA - 1e-9, demand.MaxCurrentA + 1e-9);
                if (decision.Reason != AllocationReason.SharedLimit)
                {
                    continue;
                }

                // Pareto: raising this EVSE alone by a little would break one of its limits.
                var raised = result.Evses.Select(e => e.EvseId == demand.Id ? e with { CurrentA = e.CurrentA + 1e-3 } : e).ToArray();
                var raisedResult = result with { Evses = raised };
                Assert.True(
                    s.Site.PhasorConstraints.Any(c => c.Terms.Any(t => t.EvseId == demand.Id) && Magnitude(c, raisedResult) > c.LimitA - 1e-6),
                    $"{demand.Id} at {decision.CurrentA} A could rise alone\n{s}");
            }
        }));
    }
}
