using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using Npgsql;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Persistence.Sql.Tests;

public sealed class PostgreSqlTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [Fact]
    public async Task A_lost_database_fails_writes_to_the_caller_and_writing_resumes_when_it_is_back_without_a_restart()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Stores.PostgreSql(database.ConnectionString));
        var id = UniqueId("outage");
        await persistence.Journal.WriteAsync(Write(id, 1, 1));
        await persistence.SnapshotStore.SaveAsync(new SnapshotMetadata(id, 1, Epoch), "state.v1", new byte[] { 1 });

        await TakeDatabaseDownAsync();
        try
        {
            var failure = await Assert.ThrowsAsync<JournalWriteException>(() => persistence.Journal.WriteAsync(Write(id, 2, 2)));
            Assert.IsAssignableFrom<NpgsqlException>(failure.InnerException);

            // Still down: every attempt fails the same clear way, nothing hangs.
            await Assert.ThrowsAsync<JournalWriteException>(() => persistence.Journal.WriteAsync(Write(id, 2, 2)));
        }
        finally
        {
            await database.ExecuteOnServerAsync($"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS true");
        }

        await persistence.Journal.WriteAsync(Write(id, 2, 3));
        Assert.Equal(new long[] { 1, 2, 3 }, (await ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
        Assert.Equal(1, (await persistence.SnapshotStore.LoadAsync(id, Actors.Persistence.SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr);
        Assert.Equal(2, persistence.Journal.FailedWrites);
    }

    [Fact]
    public async Task A_wrong_connection_string_fails_start_up_with_the_cause()
    {
        var wrong = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = $"missing_{Guid.NewGuid():N}" }.ConnectionString;

        var failure = await Assert.ThrowsAsync<PostgresException>(() => SqlPersistence.CreateAsync(Stores.PostgreSql(wrong)));

        Assert.Equal("3D000", failure.SqlState); // invalid_catalog_name: the database does not exist
    }

    /// <summary>
    /// Refuses new connections to this test's database and ends every open one, then waits until the
    /// server reports them gone: the journal's pooled connections are dead, new ones are refused.
    /// </summary>
    private async Task TakeDatabaseDownAsync()
    {
        await database.ExecuteOnServerAsync($"ALTER DATABASE \"{database.Name}\" ALLOW_CONNECTIONS false");
        await database.ExecuteOnServerAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}' AND pid <> pg_backend_pid()");
        using var patience = new CancellationTokenSource(Patience);
        while (await database.CountConnectionsAsync() > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
