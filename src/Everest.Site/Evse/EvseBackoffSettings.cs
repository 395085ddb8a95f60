namespace Everest.Site.Evse;

/// <summary>
/// How a failed EVSE actor is restarted by its backoff supervisor: after <see cref="MinBackoff"/>, doubling up to
/// <see cref="MaxBackoff"/> while it keeps failing, each delay stretched by up to <see cref="RandomFactor"/> so
/// that EVSEs failing together (a database outage) do not all retry at the same instant.
/// </summary>
public sealed record EvseBackoffSettings(TimeSpan MinBackoff, TimeSpan MaxBackoff, double RandomFactor)
{
    public static EvseBackoffSettings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2);

    /// <summary>The longest the first restart can take (the minimum with its random stretch).</summary>
    public TimeSpan LongestFirstDelay => MinBackoff * (1 + RandomFactor);
}
