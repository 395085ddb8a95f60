namespace Everest.Site.Billing.Projection;

/// <summary>
/// How far the billing projection is behind the journal: the global journal offset (<c>ordering</c>) of the last billing
/// event it committed, the billing events written after it, and when it last committed.
/// </summary>
/// <param name="Running">False while the projection is not started, restarting after a failure, or stopped.</param>
/// <param name="AppliedOffset">Offset of the last billing event in the read model (0: none).</param>
/// <param name="EventsBehind">Billing events in the journal after <paramref name="AppliedOffset"/> when measured.</param>
/// <param name="LastCommitAt">When the projection last committed a batch; null before its first.</param>
/// <param name="MeasuredAt">When <paramref name="EventsBehind"/> was counted.</param>
/// <param name="LastError">The last failure of the projection's stream, until it commits again.</param>
public sealed record ProjectionLag(
    bool Running,
    long AppliedOffset,
    long EventsBehind,
    DateTimeOffset? LastCommitAt,
    DateTimeOffset MeasuredAt,
    string? LastError);
