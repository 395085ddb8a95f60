using Everest.Site.Configuration;
using Microsoft.Data.Sqlite;

namespace Everest.Site.Persistence;

/// <summary>
/// The SQLite file the journal lives in: where it is, how connections to it are opened, and the one-time
/// preparation before the first connection (private folder and file, write-ahead logging).
/// </summary>
internal sealed class SqliteDatabaseFile
{
    /// <summary>Folders we create hold billing history: owner only.</summary>
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The database file (SQLite gives its -wal and -shm files the same mode).</summary>
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Lock _prepareLock = new();

    /// <summary>True once the folder, the file and WAL mode are in place; set under <see cref="_prepareLock"/>.</summary>
    private volatile bool _prepared;

    public SqliteDatabaseFile(SqliteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FullPath = System.IO.Path.GetFullPath(options.Path);
        Synchronous = options.Synchronous;
        BusyTimeout = options.BusyTimeout;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,

            // Microsoft.Data.Sqlite retries a busy database until the command timeout; keep it at least as long.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string FullPath { get; }

    public string ConnectionString { get; }

    public SqliteSynchronous Synchronous { get; }

    public TimeSpan BusyTimeout { get; }

    /// <summary>The statements every new connection runs before it is used.</summary>
    public string ConnectionPragmas => $"PRAGMA synchronous = {SynchronousPragma(Synchronous)}; PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};";

    /// <summary>
    /// Creates the folder (0700) and the file (0600) when missing and switches the database to write-ahead logging,
    /// which SQLite remembers in the file. Runs once per instance, before the first journal connection opens.
    /// </summary>
    public void EnsurePrepared()
    {
        if (_prepared)
        {
            return;
        }

        lock (_prepareLock)
        {
            if (_prepared)
            {
                return;
            }

            CreateFolderAndFile();
            using (var connection = new SqliteConnection(ConnectionString))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = command.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"SQLite database '{FullPath}' refused write-ahead logging (journal_mode is '{mode}'); the journal needs WAL.");
                }
            }

            _prepared = true;
        }
    }

    /// <summary>
    /// Creates the folder <paramref name="databasePath"/> lives in, owner only (0700), when it is missing; one that
    /// exists is left as it is (the operator may have chosen its mode). For whoever needs the folder before the journal
    /// opens (the demo puts its firmware image beside it).
    /// </summary>
    public static void CreateFolderOf(string databasePath)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath));
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    private void CreateFolderAndFile()
    {
        CreateFolderOf(FullPath);

        if (!File.Exists(FullPath))
        {
            var create = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = FileMode;
            }

            try
            {
                using var created = new FileStream(FullPath, create);
            }
            catch (IOException) when (File.Exists(FullPath))
            {
                // Another process created it between our check and our create: theirs is as good as ours.
            }
        }
    }

    private static string SynchronousPragma(SqliteSynchronous synchronous) => synchronous switch
    {
        SqliteSynchronous.Full => "FULL",
        SqliteSynchronous.Normal => "NORMAL",
        SqliteSynchronous.Off => "OFF",
        _ => throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "everest-site.persistence.sqlite.synchronous has an unknown value."),
    };
}
