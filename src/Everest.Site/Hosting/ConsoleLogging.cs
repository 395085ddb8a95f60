using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The command line's logging: one line per entry with a UTC timestamp, everything on stderr, so that stdout
/// carries only what scripts read (the "running" line, the demo's table).
/// </summary>
public static class ConsoleLogging
{
    /// <summary>A logger factory writing to stderr at <paramref name="minimumLevel"/> and above.</summary>
    public static ILoggerFactory ToStandardError(LogLevel minimumLevel = LogLevel.Information) =>
        LoggerFactory.Create(builder => builder.AddStandardErrorConsole(minimumLevel));

    /// <summary>Replaces every logging provider with single-line console logging on stderr at <paramref name="minimumLevel"/> and above.</summary>
    public static ILoggingBuilder AddStandardErrorConsole(this ILoggingBuilder builder, LogLevel minimumLevel = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .ClearProviders()
            .SetMinimumLevel(minimumLevel)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
    }
}
