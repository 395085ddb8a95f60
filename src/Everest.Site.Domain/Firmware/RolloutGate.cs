namespace Everest.Site.Domain.Firmware;

/// <summary>What the site knows when a charger asks to start its installation.</summary>
/// <param name="Installing">Chargers out of service for installation now (the asking one not among them).</param>
/// <param name="CanaryPending">The rollout's canary has not come back yet (or this would be the canary while others install).</param>
/// <param name="Halted">The rollout stopped after a failed charger.</param>
/// <param name="AvailableEvses">EVSEs of the site available now, not counting those of chargers that hold a place (they are being taken out of service).</param>
/// <param name="TotalEvses">EVSEs of the site.</param>
/// <param name="EvsesOfCharger">Available EVSEs of the asking charger, which its installation takes out of service.</param>
public sealed record RolloutSituation(int Installing, bool CanaryPending, bool Halted, int AvailableEvses, int TotalEvses, int EvsesOfCharger);

/// <summary>
/// The site-wide rule of a firmware rollout (pure): a charger may start its installation (take its EVSEs out of
/// service) only while fewer than the maximum number are doing so, no canary is still out, the rollout is not
/// halted, and enough of the site stays available.
/// </summary>
public static class RolloutGate
{
    /// <summary>Null when the charger may start now; otherwise why it waits, in words an operator can act on.</summary>
    public static string? WhyWait(RolloutLimits limits, RolloutSituation situation)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(situation);
        if (situation.Halted)
        {
            return "the rollout is halted after a failed charger";
        }

        if (situation.CanaryPending)
        {
            return "waiting for the canary charger to come back";
        }

        if (situation.Installing >= limits.MaxConcurrentChargers)
        {
            return $"{situation.Installing} of at most {limits.MaxConcurrentChargers} chargers are installing";
        }

        if (limits.MinAvailableShare > 0 && situation.TotalEvses > 0)
        {
            var remaining = situation.AvailableEvses - situation.EvsesOfCharger;
            if (remaining < Math.Ceiling(limits.MinAvailableShare * situation.TotalEvses))
            {
                return $"only {remaining} of {situation.TotalEvses} EVSEs would stay available (at least {limits.MinAvailableShare:P0} must)";
            }
        }

        return null;
    }
}
