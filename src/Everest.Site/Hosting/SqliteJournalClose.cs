using Everest.Site.Configuration;
using Everest.Site.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// Registered before every other hosted service, so the last to stop: once the actor system has terminated and the MQTT
/// connection is closed, it closes the SQLite journal file (see <see cref="OpenSqliteConnections"/>), waiting briefly
/// for a query that was still running when the actor system terminated.
/// </summary>
internal sealed partial class SqliteJournalClose(EverestSiteOptions options, ILogger<SqliteJournalClose> logger) : IHostedService
{
    /// <summary>How long a query still running at the end may hold the stop up; it takes milliseconds unless the disk stalls.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (options.Persistence.Provider != PersistenceProvider.Sqlite)
        {
            return;
        }

        var stillOpen = await OpenSqliteConnections.CloseAllAsync(Patience, cancellationToken).ConfigureAwait(false);
        if (stillOpen == 0)
        {
            LogClosed(logger, options.Persistence.Sqlite.Path);
        }
        else
        {
            LogStillOpen(logger, options.Persistence.Sqlite.Path, stillOpen, Patience);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal {Path} closed")]
    private static partial void LogClosed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Path}: {Open} connections were still in use {Patience} after the actor system stopped; SQLite recovers its write-ahead log at the next start")]
    private static partial void LogStillOpen(ILogger logger, string path, int open, TimeSpan patience);
}
