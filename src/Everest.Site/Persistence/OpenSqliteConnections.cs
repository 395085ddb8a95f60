using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Everest.Site.Persistence;

/// <summary>
/// The SQLite connections the controller has open now (journal, snapshots, queries and the billing read model), and
/// the last step of a clean stop: closing them all. Process-wide, like Microsoft.Data.Sqlite's connection pool.
/// </summary>
/// <remarks>
/// SQLite moves its write-ahead log back into the database file when the last connection to it closes. The pool
/// closes the idle ones when the process exits, but not one still in use: a query Akka.Persistence.Sql started just
/// before the actor system terminated (its journal sequence poller, a replay) may still be running when the host has
/// stopped, and the process then exits with the file unclosed (nothing is lost, but the next start has to recover the
/// log, and the file is not whole on its own). So the host waits, briefly, until every tracked connection is closed.
/// </remarks>
internal static class OpenSqliteConnections
{
    private static int open;

    /// <summary>Tracked connections open now.</summary>
    public static int Count => Volatile.Read(ref open);

    /// <summary>Counts <paramref name="connection"/>, just opened, until it closes.</summary>
    public static void Track(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Interlocked.Increment(ref open);
        connection.StateChange += OnStateChange;
    }

    /// <summary>
    /// Waits until no tracked connection is open (at most <paramref name="patience"/>), then closes the pool's idle
    /// connections, which lets SQLite fold the log into the file. Returns how many were still open.
    /// </summary>
    /// <remarks>The wait is on the wall clock even when the site runs on virtual time: it waits for real threads.</remarks>
    public static async Task<int> CloseAllAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (Count > 0 && TimeProvider.System.GetElapsedTime(started) < patience && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None).ConfigureAwait(false);
        }

        SqliteConnection.ClearAllPools();
        return Count;
    }

    private static void OnStateChange(object? sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Closed && e.OriginalState != ConnectionState.Closed && sender is DbConnection connection)
        {
            connection.StateChange -= OnStateChange;
            Interlocked.Decrement(ref open);
        }
    }
}
