using System.Data;
using System.Data.Common;
using Everest.Site.Configuration;
using Everest.Site.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// Connections to the database the journal lives in, where the billing read model lives too (so the projection can
/// commit its rows and its offset in one transaction): the SQLite file with the journal's pragmas, or PostgreSQL.
/// </summary>
public sealed class BillingDatabase
{
    private readonly SqliteDatabaseFile? _sqlite;
    private readonly string? _postgresql;

    public BillingDatabase(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case PersistenceProvider.Sqlite:
                _sqlite = new SqliteDatabaseFile(options.Sqlite);
                break;
            case PersistenceProvider.Postgresql:
                _postgresql = options.Postgresql.ConnectionString
                    ?? throw new ArgumentException("everest-site.persistence.postgresql.connection-string is required when persistence.provider is postgresql.", nameof(options));
                break;
            default:
                throw new ArgumentException(
                    "billing keeps its read model in the journal's database: everest-site.persistence.provider must be sqlite or postgresql (memory keeps nothing to bill from).",
                    nameof(options));
        }
    }

    /// <summary>True for PostgreSQL, false for SQLite (the two differ only in how a table's existence is asked).</summary>
    public bool IsPostgresql => _postgresql is not null;

    /// <summary>Where the data is, for messages (the SQLite path, or the PostgreSQL host and database).</summary>
    public string Description => _sqlite?.FullPath ?? DescribePostgresql(_postgresql!);

    /// <summary>An open connection, with the journal's per-connection pragmas on SQLite.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is { } file)
        {
            file.EnsurePrepared();
            var sqlite = new SqliteConnection(file.ConnectionString);
            try
            {
                await sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
                OpenSqliteConnections.Track(sqlite);
                await using var pragmas = sqlite.CreateCommand();
                pragmas.CommandText = file.ConnectionPragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return sqlite;
            }
            catch
            {
                await sqlite.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        var postgresql = new NpgsqlConnection(_postgresql);
        try
        {
            await postgresql.OpenAsync(cancellationToken).ConfigureAwait(false);
            return postgresql;
        }
        catch
        {
            await postgresql.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether <paramref name="table"/> exists (in the connection's schema on PostgreSQL).</summary>
    internal async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgresql
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        AddParameter(command, "@name", table, DbType.String);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    internal static void AddParameter(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string DescribePostgresql(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}/{builder.Database}";
    }
}
