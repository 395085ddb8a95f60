namespace Everest.Site.Domain.Allocation;

/// <summary>
/// One EVSE's share of a <see cref="PhasorConstraint"/>: its current (A) enters the sum multiplied by
/// <see cref="Scale"/> at the phasor angle <see cref="AngleDegrees"/>.
/// </summary>
public sealed record PhasorTerm(string EvseId, double Scale, double AngleDegrees);
