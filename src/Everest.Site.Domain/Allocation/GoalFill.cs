namespace Everest.Site.Domain.Allocation;

/// <summary>What cars with a known departure and energy need get beyond the steady rate that meets their goal.</summary>
public enum GoalFill
{
    /// <summary>A max-min fair share of what is left, with the cars of their priority that have no goal.</summary>
    FairShare,

    /// <summary>As much as they can take, least laxity first, before cars without a goal get more than their minimum.</summary>
    LeastLaxityFirst,
}
