using System.Numerics;
using Everest.Site.Domain.Allocation;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>
/// Found by <see cref="PhasorProperties"/>: under a phasor limit, a higher-priority car and a lower-priority car
/// whose terms point in opposite directions open room for each other in turn, so the final raise of the higher
/// levels has to go on until nobody can rise any more, not for a fixed number of sweeps.
/// </summary>
public sealed class PhasorBalanceTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private static PhasorTerm Term(string evse, double scale, double angle) => new(evse, scale, angle);

    private static EvseDemand Car(string id, double min, double max, int priority, int? departureHour = null, double energyWh = 0) =>
        new(id, EvseDemandState.Charging)
        {
            Phases = 1,
            MinCurrentA = min,
            MaxCurrentA = max,
            Priority = priority,
            Goal = departureHour is { } h ? new ChargingGoal(new DateTimeOffset(2026, 3, 4, h, 0, 0, TimeSpan.Zero), energyWh) : null,
        };

    // e2 (priority 1, 1∠150°) and e4 (priority 0, 0.25∠−30°) pull p3 in exact opposite directions.
    private static readonly PhasorConstraint[] Limits =
    [
        new("p0", 139, [Term("e1", 0.25, 30), Term("e2", 1, -90), Term("e4", 0.25, -30), Term("e5", 1, 150), Term("e6", 1, 180), Term("e8", 1, 30)]),
        new("p1", 61, [Term("e2", 0.25, 150), Term("e3", 1, 30), Term("e4", 0.25, 30), Term("e5", 0.25, 180), Term("e6", 0.25, -90), Term("e7", 0.25, 180), Term("e9", -1, 180)]),
        new("p2", 99, [Term("e0", 0.25, 30), Term("e1", 1, 180), Term("e2", -0.5, 0), Term("e4", 0.25, 30), Term("e5", -0.5, 120), Term("e7", 0.25, 150), Term("e8", 0.25, 0)]),
        new("p3", 5, [Term("e0", -0.5, 30), Term("e1", -0.5, 120), Term("e2", 1, 150), Term("e4", 0.25, -30), Term("e6", 0.25, 30), Term("e7", 0.25, -90), Term("e8", 0.25, -90)]),
    ];

    private static readonly EvseDemand[] Fleet =
    [
        Car("e0", 0, 19, 1), Car("e1", 6, 25, 1, 23, 30361), Car("e2", 0, 31, 1, 14, 37413), Car("e3", 0, 12, 0, 13, 10708),
        Car("e4", 0, 20, 0, 23, 29199), Car("e5", 0, 28, 0, 16, 26581), Car("e6", 6, 27, 0), Car("e7", 0, 21, 0, 14, 3816),
        Car("e8", 6, 31, 1, 17, 16784), Car("e9", 0, 24, 0, 12, 33792),
    ];

    private static double Magnitude(PhasorConstraint limit, IReadOnlyList<EvseAllocation> decisions) =>
        limit.Terms.Aggregate(Complex.Zero, (sum, t) => sum + Complex.FromPolarCoordinates(t.Scale * decisions.Single(d => d.EvseId == t.EvseId).CurrentA, t.AngleDegrees * Math.PI / 180)).Magnitude;

    [Theory]
    [InlineData(GoalFill.FairShare)]
    [InlineData(GoalFill.LeastLaxityFirst)]
    public void Cars_pulling_a_phasor_sum_in_opposite_directions_leave_nobody_at_a_shared_limit_with_room(GoalFill fill)
    {
        var policy = new AllocationPolicy { MinPause = TimeSpan.Zero, MinCharge = TimeSpan.Zero, ResumeHysteresisA = 0, Period = TimeSpan.FromMinutes(5), GoalFill = fill };
        var result = new SiteAllocator(policy).Allocate(new SiteModel(1000, voltageV: 208, gridPhases: 1, phasorConstraints: Limits), Fleet, AllocationState.Empty, Noon);

        foreach (var limit in Limits)
        {
            Assert.True(Magnitude(limit, result.Evses) <= limit.LimitA + 1e-6, $"{limit.Name} exceeded");
        }

        foreach (var decision in result.Evses.Where(d => d.Reason == AllocationReason.SharedLimit))
        {
            var raised = result.Evses.Select(d => d.EvseId == decision.EvseId ? d with { CurrentA = d.CurrentA + 1e-3 } : d).ToArray();
            Assert.True(
                Limits.Any(l => l.Terms.Any(t => t.EvseId == decision.EvseId) && Magnitude(l, raised) > l.LimitA - 1e-6),
                $"{decision.EvseId} at {decision.CurrentA} A could rise alone");
        }
    }
}
