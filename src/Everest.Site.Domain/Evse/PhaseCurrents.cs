namespace Everest.Site.Domain.Evse;

/// <summary>Current per phase in amperes (A), as measured or as a limit.</summary>
public sealed record PhaseCurrents(double L1, double L2, double L3)
{
    public static PhaseCurrents Zero { get; } = new(0, 0, 0);

    /// <summary>The largest of the three phases (A): what a per-phase fuse sees.</summary>
    public double Max => Math.Max(L1, Math.Max(L2, L3));
}
