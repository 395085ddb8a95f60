namespace Everest.Site.Domain.Firmware;

/// <summary>How much of a site a firmware rollout may take out of service at once.</summary>
/// <param name="MaxConcurrentChargers">Most chargers taken out of service for installation at the same time (at least 1).</param>
/// <param name="MinAvailableShare">
/// Share of the site's EVSEs (0 to 1) that must stay available while a charger is taken out of service; 0 sets no
/// such floor. A charger whose EVSEs would take the site below it waits.
/// </param>
/// <param name="Canary">The first charger of a rollout installs alone, and the others follow only once it is back.</param>
public sealed record RolloutLimits(int MaxConcurrentChargers, double MinAvailableShare, bool Canary);
