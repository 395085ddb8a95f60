using System.Data.Common;
using System.Globalization;

namespace Everest.Site.Persistence.Sql.Projection;

/// <summary>
/// The <c>projection_offset</c> table: a projection (billing) stores the journal offset it has processed
/// in the same transaction as its read model, so after a crash both agree and nothing is applied twice.
/// Use with a connection from <see cref="SqlPersistence.OpenConnectionAsync"/>.
/// </summary>
public static class ProjectionOffsets
{
    /// <summary>The stored offset of <paramref name="projectionName"/>, or 0 when it has never stored one.</summary>
    public static async Task<long> ReadAsync(DbConnection connection, DbTransaction? transaction, string projectionName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(projectionName);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"offset\" FROM projection_offset WHERE projection_name = @name";
        command.AddParameter("name", projectionName);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Stores the offset inside the caller's transaction (insert or update).</summary>
    public static async Task WriteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string projectionName,
        long offset,
        DateTimeOffset updatedAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrEmpty(projectionName);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO projection_offset (projection_name, \"offset\", updated_at) VALUES (@name, @offset, @updated_at) " +
            "ON CONFLICT (projection_name) DO UPDATE SET \"offset\" = excluded.\"offset\", updated_at = excluded.updated_at";
        command.AddParameter("name", projectionName);
        command.AddParameter("offset", offset);
        command.AddParameter("updated_at", UnixTime.ToMicroseconds(updatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
