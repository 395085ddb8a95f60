namespace Everest.Site.Persistence.Sql;

/// <summary>
/// Settings of the SQL journal, snapshot store and event query. The application maps its HOCON section
/// <c>everest-site.persistence</c> onto this record; each property names the key it comes from.
/// </summary>
public sealed record SqlJournalSettings
{
    /// <summary>Default of <see cref="BatchMaxSize"/>.</summary>
    public const int DefaultBatchMaxSize = 1000;

    /// <summary>Which database to use (<c>provider = sqlite | postgresql</c>).</summary>
    public SqlProvider Provider { get; init; } = SqlProvider.Sqlite;

    /// <summary>The SQLite database file (<c>sqlite.path</c>); its folder is created when missing.</summary>
    public string SqlitePath { get; init; } = "data/everest-site.db";

    /// <summary>Durability of SQLite commits (<c>sqlite.synchronous = full | normal | off</c>).</summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long a SQLite statement waits for another connection's lock before it fails
    /// (<c>sqlite.busy-timeout</c>).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The Npgsql connection string (<c>postgresql.connection-string</c>); required for PostgreSQL.</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>
    /// The most events one group-commit transaction takes (<c>batch.max-size</c>). Writes queued while a
    /// transaction runs are taken together up to this many events.
    /// </summary>
    public int BatchMaxSize { get; init; } = DefaultBatchMaxSize;

    /// <summary>
    /// How long the writer waits for more writes before it starts a batch that is not full
    /// (<c>batch.max-delay</c>). Zero, the default, means natural batching: take whatever is queued, never wait.
    /// </summary>
    public TimeSpan BatchMaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How often a live tag query polls the database for events written by other processes
    /// (<c>query.poll-interval</c>); writes of this process wake live queries at once.
    /// </summary>
    public TimeSpan QueryPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the configuration key of the first invalid value.</summary>
    public void Validate()
    {
        switch (Provider)
        {
            case SqlProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(SqlitePath))
                {
                    throw new ArgumentException("everest-site.persistence.sqlite.path must name a database file.");
                }

                if (!Enum.IsDefined(SqliteSynchronous))
                {
                    throw new ArgumentException($"everest-site.persistence.sqlite.synchronous has the unknown value {SqliteSynchronous}; use full, normal or off.");
                }

                if (SqliteBusyTimeout < TimeSpan.Zero || SqliteBusyTimeout > TimeSpan.FromDays(1))
                {
                    throw new ArgumentException($"everest-site.persistence.sqlite.busy-timeout must be between 0 and 1 day, not {SqliteBusyTimeout}.");
                }

                break;
            case SqlProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
                {
                    throw new ArgumentException("everest-site.persistence.postgresql.connection-string is required when provider = postgresql.");
                }

                break;
            default:
                throw new ArgumentException($"everest-site.persistence.provider has the unknown value {Provider}; the SQL journal supports sqlite and postgresql.");
        }

        if (BatchMaxSize < 1)
        {
            throw new ArgumentException($"everest-site.persistence.batch.max-size must be at least 1, not {BatchMaxSize}.");
        }

        if (BatchMaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"everest-site.persistence.batch.max-delay must not be negative, not {BatchMaxDelay}.");
        }

        if (QueryPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"everest-site.persistence.query.poll-interval must be positive, not {QueryPollInterval}.");
        }
    }
}
