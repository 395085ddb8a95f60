namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>From <paramref name="At"/> on, the transaction was in <paramref name="Phase"/>.</summary>
public sealed record PhaseChange(DateTimeOffset At, SessionPhase Phase);
