using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using FsCheck;
using FsCheck.Fluent;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>A site, a fleet, the memory of an earlier run and the moment of this one.</summary>
internal sealed record Scenario(SiteModel Site, EvseDemand[] Evses, StationCap[] StationCaps, AllocationPolicy Policy, AllocationState Previous, DateTimeOffset Now)
{
    public override string ToString() =>
        $"grid {Site.CircuitMaxCurrentA[0]} A ({Site.GridPhases}-phase, margin {Site.SafetyMarginA}), circuits [{string.Join(", ", Site.CircuitIds.Skip(1).Select((id, i) => $"{id}<{Site.CircuitIds[Site.ParentIndex[i + 1]]} {Site.CircuitMaxCurrentA[i + 1]} A {Site.CircuitMaxPowerW[i + 1]} W"))}], "
        + $"caps [{string.Join(", ", StationCaps.Select(s => $"{s.StationId} {s.MaxCurrentA}"))}], evses:\n  " + string.Join("\n  ", Evses.Select(e => e.ToString()));
}

/// <summary>FsCheck generators of random sites, circuit trees and fleets.</summary>
internal static class AllocationGenerators
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly EvseDemandState[] States = Enum.GetValues<EvseDemandState>();
    private static readonly PhaseRotation[] Rotations = Enum.GetValues<PhaseRotation>();

    /// <summary>Half-ampere steps between <paramref name="low"/> and <paramref name="high"/>.</summary>
    private static Gen<double> Amps(int low, int high) => Gen.Choose(low * 2, high * 2).Select(x => x / 2.0);

    private static Gen<T?> Maybe<T>(Gen<T> gen, int weightNone = 3)
        where T : struct => Gen.Frequency((weightNone, Gen.Constant<T?>(null)), (1, gen.Select(v => (T?)v)));

    private static Gen<Circuit[]> Circuits(int count) =>
        Gen.CollectToArray(Enumerable.Range(0, count), j =>
            from parent in Gen.Choose(-1, j - 1)
            from limit in Amps(6, 200)
            from power in Maybe(Gen.Choose(2_000, 150_000).Select(w => (double)w), weightNone: 4)
            select new Circuit($"c{j}", parent < 0 ? SiteModel.GridId : $"c{parent}", limit, power));

    public static readonly Gen<SiteModel> Sites =
        from grid in Amps(6, 400)
        from margin in Gen.Elements(0.0, 0.5, 2.0)
        from phases in Gen.Elements(3, 3, 3, 1)
        from count in Gen.Choose(0, 8)
        from circuits in Circuits(count)
        from power in Maybe(Gen.Choose(4_000, 300_000).Select(w => (double)w), weightNone: 4)
        select new SiteModel(grid, circuits, margin, 230, phases, power);

    private static Gen<EvseDemand> Evse(string id, IReadOnlyList<string> circuits, bool plain) =>
        from state in plain ? Gen.Elements(EvseDemandState.Charging, EvseDemandState.Waiting) : Gen.Frequency(
            (5, Gen.Constant(EvseDemandState.Charging)), (2, Gen.Constant(EvseDemandState.Waiting)), (2, Gen.Constant(EvseDemandState.Paused)),
            (1, Gen.Constant(EvseDemandState.Idle)), (1, Gen.Constant(EvseDemandState.Offline)))
        from phases in Gen.Elements(1, 3, 3, 2)
        from rotation in Gen.Elements(Rotations)
        from circuit in Gen.Elements<string>(circuits)
        from min in Gen.Elements(0.0, 6, 6, 6, 8, 10)
        from max in Amps(6, 32)
        from evMax in Maybe(Amps(4, 32))
        from measured in plain ? Gen.Constant<double?>(null) : Maybe(Amps(0, 40))
        from lastDraw in Maybe(Amps(0, 32))
        from priority in plain ? Gen.Constant(0) : Gen.Choose(0, 2)
        from goalHours in plain ? Gen.Constant<int?>(null) : Maybe(Gen.Choose(-2, 40))
        from goalWh in Gen.Choose(0, 60_000)
        from reserved in Maybe(Amps(0, 16), weightNone: 2)
        from station in plain ? Gen.Constant<string?>(null) : Gen.Elements<string?>(null, "s1", "s2")
        select new EvseDemand(id, state)
        {
            Phases = phases,
            Rotation = rotation,
            CircuitId = circuit,
            MinCurrentA = min,
            MaxCurrentA = max,
            EvMaxCurrentA = evMax,
            Measured = measured is { } m ? new PhaseCurrents(m, phases > 1 ? m : 0, phases > 2 ? m * 0.9 : 0) : null,
            LastDrawA = lastDraw,
            Priority = priority,
            Goal = goalHours is { } h ? new ChargingGoal(Now.AddMinutes(15 * h), goalWh) : null,
            ReservedHeadroomA = state == EvseDemandState.Idle ? reserved : null,
            StationId = station,
        };

    private static readonly Gen<AllocationPolicy> Policies = Gen.Elements(
        new AllocationPolicy(),
        new AllocationPolicy { MinPause = TimeSpan.Zero, MinCharge = TimeSpan.Zero, ResumeHysteresisA = 0 },
        new AllocationPolicy { GoalFill = GoalFill.LeastLaxityFirst, Period = TimeSpan.FromMinutes(5), RampHeadroomA = 1 });

    /// <summary>
    /// Any site and fleet; the previous state comes from running the same fleet a little earlier (all
    /// connected cars charging, no readings), so that minimum times, hysteresis and lending are exercised.
    /// </summary>
    public static Gen<Scenario> Scenarios(bool plain = false) =>
        from site in Sites
        from count in Gen.Choose(0, 40)
        from evses in Gen.CollectToArray(Enumerable.Range(0, count), i => Evse($"e{i}", site.CircuitIds, plain))
        from caps in plain ? Gen.Constant(Array.Empty<StationCap>()) : Gen.SubListOf(new[] { new StationCap("s1", 16), new StationCap("s2", 40) }).Select(l => l.ToArray())
        from policy in plain ? Gen.Constant(Sites_Plain) : Policies
        from earlierSeconds in plain ? Gen.Constant(-1) : Gen.Elements(-1, 10, 45, 130, 1000)
        select new Scenario(site, evses, caps, policy, Earlier(site, evses, caps, policy, earlierSeconds), Now);

    private static readonly AllocationPolicy Sites_Plain = new() { MinPause = TimeSpan.Zero, MinCharge = TimeSpan.Zero, ResumeHysteresisA = 0 };

    private static AllocationState Earlier(SiteModel site, EvseDemand[] evses, StationCap[] caps, AllocationPolicy policy, int secondsBefore)
    {
        if (secondsBefore < 0)
        {
            return AllocationState.Empty;
        }

        var earlier = evses.Select(e => e.State == EvseDemandState.Idle ? e : e with { State = EvseDemandState.Charging, Measured = null }).ToArray();
        return new SiteAllocator(policy).Allocate(site, earlier, AllocationState.Empty, Now.AddSeconds(-secondsBefore), caps).State;
    }
}
