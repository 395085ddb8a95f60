using Everest.Site.Configuration;
using Everest.Site.Persistence;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace Everest.Site.Tests.Persistence;

/// <summary>The site's persistence on a SQLite file, as on a gateway box.</summary>
public sealed class SqlitePersistenceTests : SitePersistenceContract
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("everest-site-persistence-");

    public SqlitePersistenceTests()
    {
        DatabasePath = Path.Combine(_folder.FullName, "data", "site.db");
        Options = PersistenceOptionsFor.Sqlite(DatabasePath);
    }

    protected override PersistenceOptions Options { get; }

    private string DatabasePath { get; }

    public override Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public void The_database_folder_and_file_are_private_and_the_file_is_in_wal_mode_once_the_journal_has_written()
    {
        Assert.False(File.Exists(DatabasePath));
        var kit = StartSystem();
        var recorder = kit.Sys.ActorOf(HistoryRecorder.Props("evse-wal"));
        recorder.Tell(new HistoryRecorder.Record(EvseHistorySamples.Session(9)), kit.TestActor);
        kit.ExpectMsg<HistoryRecorder.Recorded>(Patience);

        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(DatabasePath)!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath));

            // The journal's pooled connections keep the write-ahead log open; SQLite gives it the database file's mode.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DatabasePath + "-wal"));
        }
    }

    [Theory]
    [InlineData("full", 2L)]
    [InlineData("normal", 1L)]
    [InlineData("off", 0L)]
    public void Journal_connections_run_with_the_configured_synchronous_mode_and_busy_timeout(string synchronous, long pragma)
    {
        var options = PersistenceOptionsFor.Sqlite(DatabasePath, $"sqlite {{ synchronous = {synchronous}, busy-timeout = 7s }}");

        // The very connection options the journal, snapshot store and read journal are given.
        using var journalConnection = new DataConnection(SitePersistenceConfig.SqliteDataOptions(new SqliteDatabaseFile(options.Sqlite)));
        using var command = journalConnection.OpenDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(pragma, (long?)command.ExecuteScalar());
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(7000L, (long?)command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    protected override Task<IReadOnlyList<object?[]>> QueryAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return Task.FromResult<IReadOnlyList<object?[]>>(rows);
    }

    protected override async Task<IReadOnlyList<string>> TablesAsync()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }

        var rows = await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table'");
        return rows.Select(row => (string)row[0]!).ToList();
    }

    protected override Task DisposeDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
