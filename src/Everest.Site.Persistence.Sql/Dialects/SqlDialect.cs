using System.Data.Common;
using Everest.Site.Actors.Persistence;
using Everest.Site.Persistence.Sql.Schema;

namespace Everest.Site.Persistence.Sql.Dialects;

/// <summary>
/// What differs between SQLite and PostgreSQL: connections, the writing transaction, the bulk insert of a
/// batch, error classification and the schema's DDL. Everything else (queries, the writer loop) is shared
/// SQL that both databases accept.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    public abstract SqlProvider Provider { get; }

    /// <summary>The schema, oldest migration first; version numbers start at 1 and never change once released.</summary>
    public abstract IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>Prepares the database before the schema is migrated (SQLite switches the file to WAL here).</summary>
    public virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens a connection for reading (from a pool): queries, replay, snapshot loads, projections.</summary>
    public abstract Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Hands out the connection the journal writer uses for its next transaction.</summary>
    public abstract Task<DbConnection> AcquireWriterAsync(CancellationToken cancellationToken);

    /// <summary>Takes the writer connection back; a <paramref name="broken"/> one is discarded and reopened next time.</summary>
    public abstract ValueTask ReleaseWriterAsync(DbConnection connection, bool broken);

    /// <summary>
    /// Starts a transaction that inserts journal rows. It must serialise with every other journal writer on
    /// the same database, in this or any other process, until it ends: that is what makes orderings become
    /// visible in increasing order, so tag queries never skip one.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts the transaction that applies migrations, serialised with any other process migrating.</summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Inserts the events of <paramref name="writes"/> (in order) and their tag rows inside <paramref name="transaction"/>.</summary>
    public abstract Task InsertEventsAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<AtomicWrite> writes,
        CancellationToken cancellationToken);

    /// <summary>True when the database refused a row because its (persistence id, sequence number) exists.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>The parameter value that stores a writer id in the <c>writer_uuid</c> column.</summary>
    public abstract object WriterIdValue(Guid writerId);

    /// <summary>Called after a failed write transaction, so stale pooled connections are not handed out again.</summary>
    public virtual void OnConnectionFailure()
    {
    }

    public abstract ValueTask DisposeAsync();
}
