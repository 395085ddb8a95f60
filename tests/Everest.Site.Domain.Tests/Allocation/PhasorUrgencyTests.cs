using Everest.Site.Domain.Allocation;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>
/// On a phasor limit, least laxity first weighs a car's urgency against what the transformer gives back: current
/// moves from an urgent car to a less urgent one only when the receiver gains at least twice what the donor gives.
/// </summary>
public sealed class PhasorUrgencyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    // A line current of two line-to-line groups 60° apart: |x·e^{j30°} + y·e^{−j30°}|² = x² + y² + x·y ≤ 40².
    private static readonly SiteModel Site = new(1000, voltageV: 208, gridPhases: 1, phasorConstraints:
        [new PhasorConstraint("secondary A", 40, [new PhasorTerm("urgent", 1, 30), new PhasorTerm("lax", 1, -30)])]);

    // 5 kWh each: the urgent car leaves in an hour (laxity 15 min at 32 A), the other in ten.
    private static readonly EvseDemand[] Cars =
    [
        Car("urgent", departureHours: 1),
        Car("lax", departureHours: 10),
    ];

    private static EvseDemand Car(string id, int departureHours) => new(id, EvseDemandState.Charging)
    {
        Phases = 1,
        MinCurrentA = 0,
        MaxCurrentA = 32,
        Goal = new ChargingGoal(Noon.AddHours(departureHours), 5_000),
    };

    private static AllocationResult Run(GoalFill fill) =>
        new SiteAllocator(new AllocationPolicy { MinPause = TimeSpan.Zero, MinCharge = TimeSpan.Zero, ResumeHysteresisA = 0, Period = TimeSpan.FromMinutes(5), GoalFill = fill })
            .Allocate(Site, Cars, AllocationState.Empty, Noon);

    [Fact]
    public void Least_laxity_first_keeps_the_urgent_car_at_its_maximum_when_balancing_would_give_back_less_than_twice()
    {
        // Balancing towards 23.1 / 23.1 A would add 1.4 A in all, about 1.2 A for every ampere the urgent car gives.
        var result = Run(GoalFill.LeastLaxityFirst);

        Assert.Equal(32, result.Of("urgent").CurrentA, 6);
        Assert.Equal((-32 + Math.Sqrt((32 * 32) + (4 * ((40 * 40) - (32 * 32))))) / 2, result.Of("lax").CurrentA, 3);
    }

    [Fact]
    public void The_fair_share_trades_the_urgency_for_the_current_the_transformer_gives_back()
    {
        var result = Run(GoalFill.FairShare);

        Assert.True(result.Of("urgent").CurrentA + result.Of("lax").CurrentA > 46, $"{result.Of("urgent").CurrentA:0.##} + {result.Of("lax").CurrentA:0.##} A");
    }
}
