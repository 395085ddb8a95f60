using Everest.Site.Configuration;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// The command line's logging: one line per entry with a UTC timestamp (or one JSON object per line with
/// <c>logging.format = json</c>), everything on stderr, so that stdout carries only what scripts read (the "running"
/// line, the demo's table).
/// </summary>
public static class ConsoleLogging
{
    /// <summary>A logger factory writing to stderr at <paramref name="minimumLevel"/> and above.</summary>
    public static ILoggerFactory ToStandardError(LogLevel minimumLevel = LogLevel.Information, LogFormat format = LogFormat.Text) =>
        LoggerFactory.Create(builder => builder.AddStandardErrorConsole(minimumLevel, format));

    /// <summary>Replaces every logging provider with single-line console logging on stderr at <paramref name="minimumLevel"/> and above.</summary>
    public static ILoggingBuilder AddStandardErrorConsole(this ILoggingBuilder builder, LogLevel minimumLevel = LogLevel.Information, LogFormat format = LogFormat.Text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .ClearProviders()
            .SetMinimumLevel(minimumLevel)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (format == LogFormat.Json)
        {
            // Scopes carry the EVSE id where a component opened one; a collector indexes them with the message's values.
            return builder.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }

        return builder
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
    }
}
