namespace Everest.Site.Simulator.Arrivals;

/// <summary>No cars come by themselves (tests and scripts schedule them explicitly).</summary>
public sealed class NoArrivals : IArrivalPlan
{
    public static NoArrivals Instance { get; } = new();

    public IReadOnlyList<PlannedSession> TakeArrivals(DateTimeOffset until) => [];
}
