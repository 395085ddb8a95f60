namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>A stretch of a transaction spent in one phase, <c>[From, To)</c>.</summary>
public sealed record SessionSegment(DateTimeOffset From, DateTimeOffset To, SessionPhase Phase)
{
    public TimeSpan Duration => To - From;

    /// <summary>Energy flows only while charging; everything else is idle (plugged in, not charging).</summary>
    public bool IsCharging => Phase == SessionPhase.Charging;

    /// <summary>Idle the driver pays for after the grace period: the EV's own idle time, never a pause of ours or of the charger.</summary>
    public bool IsBillableIdle => Phase is SessionPhase.NotYetCharging or SessionPhase.PausedByEv;
}
