using Everest.Site.Domain.Allocation;
using FsCheck;
using FsCheck.Fluent;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>The allocator's guarantees, checked over random sites, circuit trees and fleets.</summary>
public sealed class AllocationProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static AllocationResult Run(Scenario s) =>
        new SiteAllocator(s.Policy).Allocate(s.Site, s.Evses, s.Previous, s.Now, s.StationCaps);

    private static bool IsCandidate(EvseAllocation decision) =>
        decision.Reason is not (AllocationReason.Idle or AllocationReason.Offline or AllocationReason.Reserved or AllocationReason.MeterDisagrees);

    [Fact]
    public void No_limit_is_ever_exceeded_by_what_the_allocator_hands_out()
    {
        Check.One(Many, Prop.ForAll(AllocationGenerators.Scenarios().ToArbitrary(), scenario =>
        {
            var result = Run(scenario);
            var limits = new SiteLimits(scenario, result);
            for (var k = 0; k < limits.Count; k++)
            {
                if (limits.Load[k] <= limits.Limit(k) + limits.Slack(k))
                {
                    continue;
                }

                // Only what the allocator cannot command (offline, reserved, disagreeing meters) may overload a
                // limit, and then it gives nobody anything more on it.
                var handedOut = limits.Members(k).Where(m => IsCandidate(result.Evses[m.Evse])).Sum(m => m.Coefficient * result.Evses[m.Evse].CurrentA);
                Assert.True(handedOut == 0, $"{limits.Name(k)}: load {limits.Load[k]} > limit {limits.Limit(k)}, of which {handedOut} handed out\n{scenario}");
            }
        }));
    }

    [Fact]
    public void Every_admitted_EVSE_gets_between_its_minimum_and_its_maximum_and_the_others_nothing()
    {
        Check.One(Many, Prop.ForAll(AllocationGenerators.Scenarios().ToArbitrary(), scenario =>
        {
            var result = Run(scenario);
            for (var i = 0; i < scenario.Evses.Length; i++)
            {
                var decision = result.Evses[i];
                var demand = scenario.Evses[i];
                if (!IsCandidate(decision))
                {
                    continue;
                }

                var max = Sane(Math.Min(demand.MaxCurrentA, demand.EvMaxCurrentA ?? double.PositiveInfinity));
                var min = Math.Min(Sane(Math.Max(demand.MinCurrentA, demand.EvMinCurrentA ?? 0)), max);
                if (Sane(demand.MaxCurrentA) < Sane(Math.Max(demand.MinCurrentA, demand.EvMinCurrentA ?? 0)))
                {
                    // Capped below its minimum: no current it may be given lets it charge.
                    Assert.False(decision.Charging, $"{demand.Id} capped at {demand.MaxCurrentA} A below its minimum {demand.MinCurrentA} A is charging");
                    Assert.Equal(AllocationReason.CappedBelowMinimum, decision.Reason);
                }

                if (decision.Charging)
                {
                    Assert.InRange(decision.CurrentA, min - 1e-9, max + 1e-9);
                }
                else
                {
                    Assert.Equal(0, decision.CurrentA);
                }
            }
        }));
    }

    [Fact]
    public void No_capacity_is_left_while_an_admitted_EVSE_below_its_maximum_could_take_it()
    {
        Check.One(Many, Prop.ForAll(AllocationGenerators.Scenarios().ToArbitrary(), scenario =>
        {
            var result = Run(scenario);
            var limits = new SiteLimits(scenario, result);
            for (var i = 0; i < scenario.Evses.Length; i++)
            {
                var decision = result.Evses[i];
                if (!IsCandidate(decision) || !decision.Charging)
                {
                    continue;
                }

                var demand = scenario.Evses[i];
                var max = Sane(Math.Min(demand.MaxCurrentA, demand.EvMaxCurrentA ?? double.PositiveInfinity));
                if (decision.CurrentA >= max - 1e-9 || decision.Reason is AllocationReason.FollowingDraw or AllocationReason.GoalReached)
                {
                    continue;
                }

                Assert.True(limits.LimitsOf(i).Any(l => limits.IsTight(l.Limit)), $"{demand.Id} at {decision.CurrentA} A below {max} A ({decision.Reason}) with room on all its limits\n{scenario}");
            }
        }));
    }

    [Fact]
    public void An_EVSE_is_only_paused_for_lack_of_room_when_its_minimum_does_not_fit()
    {
        Check.One(Many, Prop.ForAll(AllocationGenerators.Scenarios().ToArbitrary(), scenario =>
        {
            var result = Run(scenario);
            var limits = new SiteLimits(scenario, result);
            for (var i = 0; i < scenario.Evses.Length; i++)
            {
                var decision = result.Evses[i];
                if (!IsCandidate(decision) || decision.Charging || decision.Reason is AllocationReason.MinimumPause or AllocationReason.CappedBelowMinimum)
                {
                    continue;
                }

                var demand = scenario.Evses[i];
                var max = Sane(Math.Min(demand.MaxCurrentA, demand.EvMaxCurrentA ?? double.PositiveInfinity));
                var needed = Math.Min(Sane(Math.Max(demand.MinCurrentA, demand.EvMinCurrentA ?? 0)), max) + scenario.Policy.ResumeHysteresisA;
                Assert.True(
                    limits.LimitsOf(i).Any(l => limits.Load[l.Limit] + (needed * l.Coefficient) > limits.Limit(l.Limit) + limits.Slack(l.Limit)),
                    $"{demand.Id} paused ({decision.Reason}) although {needed} A fits on all its limits\n{scenario}");
            }
        }));
    }

    [Fact]
    public void Equal_priorities_without_departure_information_are_max_min_fair()
    {
        // Max-min fair: nobody can get more without taking from someone who has no more than they do. So each
        // EVSE below its maximum sits on a full limit where every member raised above its own minimum has no more.
        Check.One(Many, Prop.ForAll(AllocationGenerators.Scenarios(plain: true).ToArbitrary(), scenario =>
        {
            var result = Run(scenario);
            var limits = new SiteLimits(scenario, result);
            for (var i = 0; i < scenario.Evses.Length; i++)
            {
                var decision = result.Evses[i];
                var demand = scenario.Evses[i];
                var max = Math.Min(demand.MaxCurrentA, demand.EvMaxCurrentA ?? double.PositiveInfinity);
                if (!decision.Charging || decision.CurrentA >= max - 1e-9)
                {
                    continue;
                }

                var bottleneck = limits.LimitsOf(i).Any(l => limits.IsTight(l.Limit) && limits.Members(l.Limit).All(m =>
                {
                    var other = result.Evses[m.Evse];
                    var otherMin = Math.Min(scenario.Evses[m.Evse].MinCurrentA, scenario.Evses[m.Evse].MaxCurrentA);
                    return !other.Charging || other.CurrentA <= decision.CurrentA + 1e-6 || other.CurrentA <= otherMin + 1e-6;
                }));
                Assert.True(bottleneck, $"{demand.Id} at {decision.CurrentA} A has no limit on which it is among the best served\n{scenario}");
            }
        }));
    }

    [Fact]
    public void Nobody_waits_longer_than_the_turns_of_those_ahead_of_them()
    {
        // n identical cars, room for k of them at their minimum: a car waits at most ⌈(n − k)/k⌉ rotation periods.
        var cases =
            from n in Gen.Choose(2, 12)
            from k in Gen.Choose(1, n - 1)
            from rotation in Gen.Choose(3, 30)
            from minPause in Gen.Choose(0, rotation)
            from minCharge in Gen.Choose(0, rotation)
            from phases in Gen.Elements(1, 3)
            select (n, k, rotation, minPause, minCharge, phases);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var policy = new AllocationPolicy
            {
                Rotation = TimeSpan.FromMinutes(c.rotation),
                MinPause = TimeSpan.FromMinutes(c.minPause),
                MinCharge = TimeSpan.FromMinutes(c.minCharge),
                ResumeHysteresisA = 1,
            };
            var site = new SiteModel((6 * c.k) + 1.5);
            var evses = Enumerable.Range(0, c.n).Select(i => new EvseDemand($"car{i}", EvseDemandState.Waiting) { Phases = c.phases }).ToArray();
            var allocator = new SiteAllocator(policy);
            var state = AllocationState.Empty;
            var waited = new int[c.n];
            var longest = new int[c.n];
            var groupsAhead = (c.n - c.k + c.k - 1) / c.k;
            var bound = (groupsAhead * c.rotation) + 1;
            for (var minute = 0; minute < (groupsAhead + 2) * c.rotation * 2; minute++)
            {
                var result = allocator.Allocate(site, evses, state, AllocationGenerators.Now.AddMinutes(minute), []);
                state = result.State;
                Assert.Equal(c.k, result.Evses.Count(e => e.Charging));
                for (var i = 0; i < c.n; i++)
                {
                    waited[i] = result.Evses[i].Charging ? 0 : waited[i] + 1;
                    longest[i] = Math.Max(longest[i], waited[i]);
                    evses[i] = evses[i] with { State = result.Evses[i].Charging ? EvseDemandState.Charging : EvseDemandState.Paused };
                }
            }

            Assert.True(longest.Max() <= bound, $"longest wait {longest.Max()} min > {bound} min for {c}");
        }));
    }

    private static double Sane(double value) => double.IsFinite(value) && value > 0 ? value : 0;
}
