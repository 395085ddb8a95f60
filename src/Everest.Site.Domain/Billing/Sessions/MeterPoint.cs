namespace Everest.Site.Domain.Billing.Sessions;

/// <summary>The meter register (Wh) at an instant, as the history recorded it.</summary>
public sealed record MeterPoint(DateTimeOffset At, decimal Wh);
