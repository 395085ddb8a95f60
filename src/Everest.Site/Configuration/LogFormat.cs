namespace Everest.Site.Configuration;

/// <summary>The shape of the log on stderr (<c>everest-site.logging.format</c>).</summary>
public enum LogFormat
{
    /// <summary>One line per entry: UTC timestamp, level, category, message.</summary>
    Text,

    /// <summary>One JSON object per line with the message, its template's named values and the scopes (for log collectors).</summary>
    Json,
}
