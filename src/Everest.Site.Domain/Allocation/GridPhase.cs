namespace Everest.Site.Domain.Allocation;

/// <summary>A phase of the site's supply, as the grid connection and every circuit see it.</summary>
public enum GridPhase
{
    L1 = 0,
    L2 = 1,
    L3 = 2,
}
