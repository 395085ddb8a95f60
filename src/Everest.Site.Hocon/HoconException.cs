namespace Everest.Site.Hocon;

/// <summary>
/// A HOCON text could not be read or resolved: a syntax error, an unresolved substitution, a cycle,
/// a missing required include or an invalid concatenation. The message always starts with the origin.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(HoconOrigin origin, string problem)
        : base($"{origin}: {problem}")
    {
        Origin = origin;
        Problem = problem;
    }

    public HoconException(HoconOrigin origin, string problem, Exception innerException)
        : base($"{origin}: {problem}", innerException)
    {
        Origin = origin;
        Problem = problem;
    }

    /// <summary>File (or source name), line and column of the problem.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>A substitution cycle: an optional substitution treats it as "not found", as the spec asks.</summary>
    internal bool IsCycle { get; init; }

    /// <summary>The problem without its position, e.g. <c>expected '=' or ':' after key 'a', found '}'</c>.</summary>
    public string Problem { get; }
}
