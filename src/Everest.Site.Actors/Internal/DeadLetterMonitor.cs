using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Internal;

/// <summary>
/// Counts dead letters and logs them without flooding: the first <c>burst</c> one by one, after that one
/// summary line per interval (on the system clock) while more keep coming.
/// </summary>
internal sealed class DeadLetterMonitor(ILogger logger, TimeProvider timeProvider, int burst, TimeSpan interval)
{
    private long _count;

    /// <summary>The count at the last log line, to report how many were suppressed since.</summary>
    private long _countAtLastReport;

    /// <summary>System-clock timestamp before which no summary is written.</summary>
    private long _nextSummaryTimestamp;

    public long Count => Volatile.Read(ref _count);

    public void Record(DeadLetter deadLetter)
    {
        var count = Interlocked.Increment(ref _count);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        if (count <= burst)
        {
            Volatile.Write(ref _countAtLastReport, count);
            logger.LogDeadLetter(deadLetter.Message.GetType().Name, deadLetter.Sender?.Path.ToString() ?? "no sender", deadLetter.Recipient.Path.ToString(), count);
            if (count == burst)
            {
                Volatile.Write(ref _nextSummaryTimestamp, timeProvider.GetTimestamp() + IntervalTicks());
            }

            return;
        }

        var now = timeProvider.GetTimestamp();
        var next = Volatile.Read(ref _nextSummaryTimestamp);
        if (now >= next && Interlocked.CompareExchange(ref _nextSummaryTimestamp, now + IntervalTicks(), next) == next)
        {
            var previous = Interlocked.Exchange(ref _countAtLastReport, count);
            logger.LogDeadLetterSummary(count - previous, count, deadLetter.Message.GetType().Name, deadLetter.Recipient.Path.ToString());
        }
    }

    private long IntervalTicks() => (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
}
