namespace Everest.Site.Simulator.Arrivals;

/// <summary>Where the simulated cars come from.</summary>
public interface IArrivalPlan
{
    /// <summary>Returns, in arrival order, the sessions arriving up to and including <paramref name="until"/> not returned before.</summary>
    IReadOnlyList<PlannedSession> TakeArrivals(DateTimeOffset until);
}
