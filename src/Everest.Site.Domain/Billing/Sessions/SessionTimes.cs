namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>How a transaction's duration divides: <c>Charging + Idle</c> is the whole duration.</summary>
/// <param name="Idle">Plugged in, transaction running, no energy flowing (whoever caused it).</param>
/// <param name="SitePaused">The part of <paramref name="Idle"/> our site controller caused by pausing.</param>
public sealed record SessionTimes(TimeSpan Charging, TimeSpan Idle, TimeSpan SitePaused)
{
    public TimeSpan Duration => Charging + Idle;
}
