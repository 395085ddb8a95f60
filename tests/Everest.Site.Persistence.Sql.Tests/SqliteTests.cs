using System.Globalization;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static Everest.Site.Actors.TestKit.Tck.TckEvents;

namespace Everest.Site.Persistence.Sql.Tests;

public sealed class SqliteTests : IDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteFull = 13;

    private readonly TemporaryFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Missing_folders_of_the_database_path_are_created()
    {
        var path = Path.Combine(_folder.Path, "data", "site", "journal.db");

        await using var persistence = await SqlPersistence.CreateAsync(Stores.Sqlite(path));
        await persistence.Journal.WriteAsync(Write("folder", 1, 1));

        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2)]
    [InlineData(SqliteSynchronous.Normal, 1)]
    [InlineData(SqliteSynchronous.Off, 0)]
    public async Task The_writer_connection_runs_with_wal_the_configured_synchronous_and_busy_timeout(SqliteSynchronous synchronous, long pragmaValue)
    {
        var settings = Stores.Sqlite(_folder.File("journal.db"), synchronous) with { SqliteBusyTimeout = TimeSpan.FromMilliseconds(1234) };
        await using var persistence = await SqlPersistence.CreateAsync(settings);

        var writerSynchronous = await persistence.Writer.ExecuteAsync((connection, transaction, _) => PragmaAsync(connection, transaction, "synchronous"), default);
        var writerBusyTimeout = await persistence.Writer.ExecuteAsync((connection, transaction, _) => PragmaAsync(connection, transaction, "busy_timeout"), default);
        var writerJournalMode = await persistence.Writer.ExecuteAsync((connection, transaction, _) => PragmaAsync(connection, transaction, "journal_mode"), default);

        Assert.Equal(pragmaValue.ToString(CultureInfo.InvariantCulture), writerSynchronous);
        Assert.Equal("1234", writerBusyTimeout);
        Assert.Equal("wal", writerJournalMode);

        // WAL is a property of the file: every later connection sees it.
        await using var reader = await persistence.OpenConnectionAsync();
        Assert.Equal("wal", await PragmaAsync(reader, null, "journal_mode"));
        Assert.Equal("1234", await PragmaAsync(reader, null, "busy_timeout"));
    }

    [Fact]
    public async Task A_locked_database_fails_the_write_to_the_caller_and_the_journal_recovers_when_the_lock_is_gone()
    {
        var path = _folder.File("journal.db");
        var settings = Stores.Sqlite(path) with { SqliteBusyTimeout = TimeSpan.FromMilliseconds(100) };
        await using var persistence = await SqlPersistence.CreateAsync(settings);
        var id = UniqueId("locked");
        await persistence.Journal.WriteAsync(Write(id, 1, 1));

        // Another process holding the write lock past our busy timeout: as real as a stuck backup tool.
        await using (var intruder = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await intruder.OpenAsync();
            await using var exclusive = intruder.BeginTransaction(deferred: false);

            var failure = await Assert.ThrowsAsync<JournalWriteException>(() => persistence.Journal.WriteAsync(Write(id, 2, 3)));

            var cause = Assert.IsType<SqliteException>(failure.InnerException);
            Assert.Equal(SqliteBusy, cause.SqliteErrorCode);
            Assert.Equal(1, persistence.Journal.FailedWrites);
            await exclusive.RollbackAsync();
        }

        await persistence.Journal.WriteAsync(Write(id, 2, 3));
        Assert.Equal(new long[] { 1, 2, 3 }, (await ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_full_database_fails_the_write_with_the_cause_and_stores_none_of_it()
    {
        await using var persistence = await SqlPersistence.CreateAsync(Stores.Sqlite(_folder.File("journal.db")));
        var id = UniqueId("full");
        await persistence.Journal.WriteAsync(Write(id, 1, 1));

        // SQLite's page limit raises the same error as a full disk (SQLITE_FULL) on the writer connection.
        await persistence.Writer.ExecuteAsync((connection, transaction, _) => PragmaAsync(connection, transaction, "max_page_count = 1"), default);
        var large = new AtomicWrite([.. Enumerable.Range(2, 20).Select(seq => Event(id, seq) with { Payload = new byte[8192] })]);

        var failure = await Assert.ThrowsAsync<JournalWriteException>(() => persistence.Journal.WriteAsync(large));

        Assert.Equal(SqliteFull, Assert.IsType<SqliteException>(failure.InnerException).SqliteErrorCode);

        // The failed writer connection is replaced, as after space is freed: the next write goes through.
        await persistence.Journal.WriteAsync(Write(id, 2, 2));
        Assert.Equal(new long[] { 1, 2 }, (await ToListAsync(persistence.Journal.ReplayAsync(id, 1, long.MaxValue, long.MaxValue))).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_database_file_that_is_not_sqlite_fails_start_up_with_the_cause()
    {
        var path = _folder.File("not-a-database.db");
        await File.WriteAllTextAsync(path, "this is a text file, not a SQLite database, and it is long enough to have a header");

        var failure = await Assert.ThrowsAsync<SqliteException>(() => SqlPersistence.CreateAsync(Stores.Sqlite(path)));

        Assert.Contains("not a database", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
