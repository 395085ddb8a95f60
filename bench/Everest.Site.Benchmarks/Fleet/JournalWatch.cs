using System.Data.Common;
using System.Diagnostics;
using Everest.Site.Benchmarks.Persistence;

namespace Everest.Site.Benchmarks.Fleet;

/// <summary>Reads what has reached the journal so far, from outside the actor system (a second SQLite connection).</summary>
internal sealed class JournalWatch(DbConnection connection) : IAsyncDisposable
{
    public static async Task<JournalWatch> OpenAsync(BenchmarkDatabase database) => new(await database.OpenRawConnectionAsync());

    /// <summary>The highest ordering number written so far (0 for an empty journal).</summary>
    public async Task<long> LastOrderingAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(ordering), 0) FROM journal";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of <paramref name="manifest"/> written after <paramref name="afterOrdering"/>.</summary>
    public async Task<long> CountAsync(string manifest, long afterOrdering)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM journal WHERE ordering > {afterOrdering} AND manifest = '{manifest}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows per manifest written after <paramref name="afterOrdering"/>.</summary>
    public async Task<IReadOnlyList<(string Manifest, long Count)>> CountByManifestAsync(long afterOrdering)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT manifest, COUNT(*) FROM journal WHERE ordering > {afterOrdering} GROUP BY manifest ORDER BY 2 DESC";
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            counts.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return counts;
    }

    /// <summary>Waits until <paramref name="count"/> rows of <paramref name="manifest"/> follow <paramref name="afterOrdering"/>; returns how long that took.</summary>
    public async Task<TimeSpan> WaitForAsync(string manifest, long afterOrdering, long count, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (await CountAsync(manifest, afterOrdering) < count)
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {await CountAsync(manifest, afterOrdering)} of {count} '{manifest}' rows arrived within {timeout}.");
            }

            await Task.Delay(50);
        }

        return stopwatch.Elapsed;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
