namespace Everest.Site.Simulator.Evse;

/// <summary>
/// A per-phase current limit in amperes, or explicitly none ("no limit" is modelled, never encoded as 0).
/// </summary>
public readonly record struct CurrentLimit(double? Amperes)
{
    public static CurrentLimit None => new(null);

    public static CurrentLimit Of(double amperes) => new(amperes);

    /// <summary>The tighter of two limits.</summary>
    public CurrentLimit Min(CurrentLimit other) => (Amperes, other.Amperes) switch
    {
        (null, _) => other,
        (_, null) => this,
        ({ } a, { } b) => new CurrentLimit(Math.Min(a, b)),
    };

    public double ApplyTo(double amperes) => Amperes is { } limit ? Math.Min(limit, amperes) : amperes;
}
