using System.Data.Common;
using LinqToDB.Interceptors;

namespace Everest.Site.Persistence;

/// <summary>
/// linq2db hook on every connection Akka.Persistence.Sql opens to the SQLite file: prepares the file before the first
/// one and applies the per-connection pragmas (<c>synchronous</c>, <c>busy_timeout</c>), which SQLite does not store in
/// the file and Microsoft.Data.Sqlite cannot take from the connection string; counts it in <see cref="OpenSqliteConnections"/>.
/// </summary>
internal sealed class SqliteConnectionSetup(SqliteDatabaseFile database) : ConnectionInterceptor
{
    public override void ConnectionOpening(ConnectionEventData eventData, DbConnection connection) => database.EnsurePrepared();

    public override Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        database.EnsurePrepared();
        return Task.CompletedTask;
    }

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        OpenSqliteConnections.Track(connection);
        using var command = connection.CreateCommand();
        command.CommandText = database.ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        OpenSqliteConnections.Track(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = database.ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
