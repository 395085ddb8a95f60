using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Internal;

/// <summary>Log messages of the kernel, compiled once (no formatting work unless the level is enabled).</summary>
internal static partial class KernelLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Actor {ActorPath} stopped after a failure; re-creating it in {Delay}")]
    public static partial void LogBackoff(this ILogger logger, ActorPath actorPath, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter: {MessageType} from {Sender} to {Recipient} was not delivered ({Count} so far)")]
    public static partial void LogDeadLetter(this ILogger logger, string messageType, string sender, string recipient, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Suppressed} more dead letters since the last report ({Count} in total); the latest: {MessageType} to {Recipient}")]
    public static partial void LogDeadLetterSummary(this ILogger logger, long suppressed, long count, string messageType, string recipient);
}
