namespace Everest.Site.Configuration;

/// <summary><c>everest-site.logging</c>: how log entries are written (always on stderr).</summary>
public sealed class LoggingOptions
{
    /// <summary><see cref="LogFormat.Text"/>: one readable line per entry; <see cref="LogFormat.Json"/>: one JSON object per line.</summary>
    public LogFormat Format { get; set; }
}
