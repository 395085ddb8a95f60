namespace Everest.Site.Hocon;

/// <summary>A value of a fully resolved HOCON tree: no substitutions, includes or concatenations are left.</summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin) => Origin = origin;

    /// <summary>Where the value was written (for a substituted value: where the substitution was written).</summary>
    public HoconOrigin Origin { get; }

    public abstract HoconValueKind Kind { get; }

    /// <summary>The same value with another origin (used when a substitution copies a scalar).</summary>
    internal abstract HoconValue WithOrigin(HoconOrigin origin);
}
