namespace Everest.Site.Persistence.Sql;

/// <summary>
/// Timestamps are stored as microseconds since the Unix epoch (UTC) in a BIGINT on both databases: one
/// logical type, exact round trips at PostgreSQL's own precision, and cheap range comparisons.
/// </summary>
internal static class UnixTime
{
    public static long ToMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
