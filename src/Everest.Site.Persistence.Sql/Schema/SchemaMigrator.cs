using System.Data.Common;
using Everest.Site.Persistence.Sql.Dialects;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Persistence.Sql.Schema;

/// <summary>
/// Creates and upgrades the schema at start-up. Idempotent, and safe when several processes start at once:
/// the whole check-and-apply runs in one transaction that the dialect serialises across processes.
/// </summary>
internal static partial class SchemaMigrator
{
    public static async Task<int> MigrateAsync(SqlDialect dialect, ILogger logger, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);

        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken).ConfigureAwait(false);

        var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var latest = dialect.Migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than this build knows ({latest}): refusing to run an older release against it.");
        }

        foreach (var migration in dialect.Migrations.Where(migration => migration.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @applied_at)";
            record.AddParameter("version", migration.Version);
            record.AddParameter("description", migration.Description);
            record.AddParameter("applied_at", UnixTime.ToMicroseconds(timeProvider.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, dialect.Provider, migration.Version, migration.Description);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return latest;
    }

    public static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Provider} journal schema migration {Version}: {Description}")]
    private static partial void LogApplied(ILogger logger, SqlProvider provider, int version, string description);
}
