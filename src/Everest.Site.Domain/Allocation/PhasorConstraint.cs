namespace Everest.Site.Domain.Allocation;

/// <summary>
/// A limit on the magnitude of a linear combination of EVSE currents with phasor angles:
/// <c>|Σ scale·I·e^(j·angle)| ≤ LimitA</c>. This is how a transformer or a line-to-line wired site (the Caltech
/// ACN's delta–wye model) is described; a European per-phase limit is the special case of equal angles, which
/// <see cref="SiteModel"/> builds from its circuit tree without these.
/// </summary>
public sealed record PhasorConstraint(string Name, double LimitA, IReadOnlyList<PhasorTerm> Terms);
