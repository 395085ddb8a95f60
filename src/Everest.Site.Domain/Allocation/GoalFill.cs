namespace Everest.Site.Domain.Allocation;

/// <summary>How cars with a known departure and energy need are served within their priority.</summary>
public enum GoalFill
{
    /// <summary>
    /// Least laxity first, each car that can still make its goal gets the steady rate that meets it; the rest
    /// of the current is shared max-min fair among all cars of the priority. Aims at as many cars as possible
    /// leaving with their energy.
    /// </summary>
    FairShare,

    /// <summary>
    /// Least laxity first, each goal car gets as much as it can take before anyone else of its priority gets
    /// more than the minimum. Aims at the most energy delivered when every car has a goal (the ACN replay).
    /// </summary>
    LeastLaxityFirst,
}
