using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.sqlite</c>.</summary>
public sealed class SqliteOptions
{
    /// <summary>Database file; relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "";

    public SqliteSynchronous Synchronous { get; set; }

    /// <summary>How long a writer waits for a lock held by another connection.</summary>
    [ConfigurationKeyName("busy-timeout")]
    public TimeSpan BusyTimeout { get; set; }
}
