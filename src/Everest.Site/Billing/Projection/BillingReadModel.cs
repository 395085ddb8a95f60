using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;
using Everest.Site.Persistence;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// The billing read model in the journal's database: <c>charging_session</c> (one row per transaction, live or
/// finished), <c>billing_correction</c>, each EVSE's fold state (<c>billing_fold</c>) and the projection's offset
/// (<c>billing_projection_offset</c>). A batch's rows, fold states and offset are committed in one transaction, and
/// the offset only moves from the value the batch started at, so a crash or a second writer never applies an event
/// twice. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed class BillingReadModel(BillingDatabase database)
{
    /// <summary>The one row of <c>billing_projection_offset</c> this projection owns.</summary>
    public const string ProjectionName = "billing";

    private static readonly string[] Schema =
    [
        "CREATE TABLE IF NOT EXISTS billing_projection_offset (projection VARCHAR(64) PRIMARY KEY, ordering BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS billing_fold (persistence_id VARCHAR(255) PRIMARY KEY, state TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS charging_session (
          persistence_id VARCHAR(255) NOT NULL,
          first_sequence_nr BIGINT NOT NULL,
          last_sequence_nr BIGINT NOT NULL,
          evse_id VARCHAR(255) NOT NULL,
          session_uuid VARCHAR(255) NOT NULL,
          status VARCHAR(16) NOT NULL,
          id_token VARCHAR(255) NOT NULL,
          started_at BIGINT NOT NULL,
          stopped_at BIGINT NULL,
          energy_wh NUMERIC(18, 3) NOT NULL,
          session TEXT NOT NULL,
          PRIMARY KEY (persistence_id, first_sequence_nr))
        """,
        "CREATE INDEX IF NOT EXISTS charging_session_stopped_at ON charging_session (stopped_at)",
        "CREATE INDEX IF NOT EXISTS charging_session_session_uuid ON charging_session (session_uuid)",
        "CREATE TABLE IF NOT EXISTS billing_correction (ordering BIGINT PRIMARY KEY, session_uuid VARCHAR(255) NOT NULL, corrected_at BIGINT NOT NULL, correction TEXT NOT NULL)",
        $"INSERT INTO billing_projection_offset (projection, ordering) VALUES ('{ProjectionName}', 0) ON CONFLICT (projection) DO NOTHING",
    ];

    private static readonly string[] Tables = ["charging_session", "billing_correction", "billing_fold", "billing_projection_offset"];

    public BillingDatabase Database { get; } = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>Creates the tables that are missing (and the offset row at 0).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in Schema)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the read model (all four tables) in one transaction; <see cref="EnsureSchemaAsync"/> makes it empty again.</summary>
    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in Tables)
        {
            await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {table}", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored offset and the fold state of every EVSE at it.</summary>
    public async Task<ProjectionStart> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var offset = await ReadOffsetAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var folds = new Dictionary<string, BillingHistoryFold>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT persistence_id, state FROM billing_fold";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                folds[reader.GetString(0)] = JsonSerializer.Deserialize(reader.GetString(1), BillingReadModelJson.Default.BillingHistoryFold)
                    ?? throw new InvalidDataException($"billing_fold of {reader.GetString(0)} is JSON null");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ProjectionStart(offset, folds);
    }

    /// <summary>The stored offset: the journal <c>ordering</c> of the last billing event the read model reflects.</summary>
    public async Task<long> OffsetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOffsetAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="changes"/> and moves the offset from <paramref name="expectedOffset"/> to
    /// <paramref name="changes"/>' offset, all in one transaction.
    /// </summary>
    /// <exception cref="ProjectionConflictException">The stored offset is no longer <paramref name="expectedOffset"/>; nothing was written.</exception>
    public async Task CommitAsync(long expectedOffset, ProjectionChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The offset first: on SQLite this takes the write lock at once, on PostgreSQL it locks the row, so a second
        // writer waits here and then sees the moved offset instead of interleaving its rows with ours.
        await using (var offset = connection.CreateCommand())
        {
            offset.Transaction = transaction;
            offset.CommandText = "UPDATE billing_projection_offset SET ordering = @next WHERE projection = @name AND ordering = @expected";
            BillingDatabase.AddParameter(offset, "@next", changes.Offset, DbType.Int64);
            BillingDatabase.AddParameter(offset, "@name", ProjectionName, DbType.String);
            BillingDatabase.AddParameter(offset, "@expected", expectedOffset, DbType.Int64);
            if (await offset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new ProjectionConflictException(
                    $"the billing read model's offset is no longer {expectedOffset.ToString(CultureInfo.InvariantCulture)} (another process projected or rebuilt it); the batch was rolled back");
            }
        }

        await WriteSessionsAsync(connection, transaction, changes.Sessions, cancellationToken).ConfigureAwait(false);
        await WriteFoldsAsync(connection, transaction, changes.Folds, cancellationToken).ConfigureAwait(false);
        await WriteCorrectionsAsync(connection, transaction, changes.Corrections, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Billing events in the journal after <paramref name="offset"/> (0 when the journal has none yet).</summary>
    public async Task<long> EventsAfterAsync(long offset, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await Database.TableExistsAsync(connection, "tags", cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tags WHERE tag = @tag AND ordering_id > @offset";
        BillingDatabase.AddParameter(command, "@tag", EvseTags.Billing, DbType.String);
        BillingDatabase.AddParameter(command, "@offset", offset, DbType.Int64);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the journal's tables exist yet (they appear when the controller first starts).</summary>
    public async Task<bool> JournalExistsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await Database.TableExistsAsync(connection, "tags", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finished transactions, ordered by stop, EVSE and journal position (a stable order: the same history always
    /// lists them the same way). Filters are optional.
    /// </summary>
    /// <param name="stoppedBefore">Only transactions that stopped before this instant.</param>
    /// <param name="evseId">Only this configured EVSE.</param>
    /// <param name="idToken">Only transactions started with this token.</param>
    public async IAsyncEnumerable<ProjectedSession> FinishedSessionsAsync(
        DateTimeOffset? stoppedBefore,
        string? evseId,
        string? idToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new System.Text.StringBuilder("SELECT persistence_id, evse_id, session FROM charging_session WHERE status = 'finished'");
        if (stoppedBefore is { } before)
        {
            sql.Append(" AND stopped_at < @before");
            BillingDatabase.AddParameter(command, "@before", before.ToUnixTimeMilliseconds(), DbType.Int64);
        }

        if (evseId is not null)
        {
            sql.Append(" AND evse_id = @evse");
            BillingDatabase.AddParameter(command, "@evse", evseId, DbType.String);
        }

        if (idToken is not null)
        {
            sql.Append(" AND id_token = @token");
            BillingDatabase.AddParameter(command, "@token", idToken, DbType.String);
        }

        sql.Append(" ORDER BY stopped_at, evse_id, persistence_id, first_sequence_nr");
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ProjectedSession(reader.GetString(0), reader.GetString(1), ReadSession(reader.GetString(2)));
        }
    }

    /// <summary>Running transactions, by EVSE.</summary>
    public async Task<IReadOnlyList<ProjectedSession>> LiveSessionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, evse_id, session FROM charging_session WHERE status = 'live' ORDER BY evse_id, persistence_id, first_sequence_nr";
        var sessions = new List<ProjectedSession>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new ProjectedSession(reader.GetString(0), reader.GetString(1), ReadSession(reader.GetString(2))));
        }

        return sessions;
    }

    /// <summary>The transactions with EVerest session uuid <paramref name="sessionUuid"/> (normally one).</summary>
    public async Task<IReadOnlyList<ProjectedSession>> SessionsByUuidAsync(string sessionUuid, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, evse_id, session FROM charging_session WHERE session_uuid = @uuid ORDER BY persistence_id, first_sequence_nr";
        BillingDatabase.AddParameter(command, "@uuid", sessionUuid, DbType.String);
        var sessions = new List<ProjectedSession>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(new ProjectedSession(reader.GetString(0), reader.GetString(1), ReadSession(reader.GetString(2))));
        }

        return sessions;
    }

    /// <summary>Every correction, in journal order.</summary>
    public async Task<IReadOnlyList<SessionCorrected>> CorrectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT correction FROM billing_correction ORDER BY ordering";
        var corrections = new List<SessionCorrected>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            corrections.Add(JsonSerializer.Deserialize(reader.GetString(0), BillingReadModelJson.Default.SessionCorrected)
                ?? throw new InvalidDataException("a billing_correction row is JSON null"));
        }

        return corrections;
    }

    private static ChargingSession ReadSession(string json) =>
        JsonSerializer.Deserialize(json, BillingReadModelJson.Default.ChargingSession) ?? throw new InvalidDataException("a charging_session row is JSON null");

    private static async Task<long> ReadOffsetAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT ordering FROM billing_projection_offset WHERE projection = @name";
        BillingDatabase.AddParameter(command, "@name", ProjectionName, DbType.String);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static async Task WriteSessionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectedSession> sessions, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO charging_session (persistence_id, first_sequence_nr, last_sequence_nr, evse_id, session_uuid, status, id_token, started_at, stopped_at, energy_wh, session)
            VALUES (@pid, @first, @last, @evse, @uuid, @status, @token, @started, @stopped, @energy, @session)
            ON CONFLICT (persistence_id, first_sequence_nr) DO UPDATE SET
              last_sequence_nr = excluded.last_sequence_nr, status = excluded.status, stopped_at = excluded.stopped_at,
              energy_wh = excluded.energy_wh, session = excluded.session
            """;
        var pid = Parameter(command, "@pid", DbType.String);
        var first = Parameter(command, "@first", DbType.Int64);
        var last = Parameter(command, "@last", DbType.Int64);
        var evse = Parameter(command, "@evse", DbType.String);
        var uuid = Parameter(command, "@uuid", DbType.String);
        var status = Parameter(command, "@status", DbType.String);
        var token = Parameter(command, "@token", DbType.String);
        var started = Parameter(command, "@started", DbType.Int64);
        var stopped = Parameter(command, "@stopped", DbType.Int64);
        var energy = Parameter(command, "@energy", DbType.Decimal);
        var json = Parameter(command, "@session", DbType.String);
        foreach (var row in sessions)
        {
            var session = row.Session;
            pid.Value = row.PersistenceId;
            first.Value = session.FirstSequenceNr;
            last.Value = session.LastSequenceNr;
            evse.Value = row.EvseId;
            uuid.Value = session.SessionUuid;
            status.Value = session.IsFinished ? "finished" : "live";
            token.Value = session.IdToken.Value;
            started.Value = session.StartedAt.ToUnixTimeMilliseconds();
            stopped.Value = session.StoppedAt is { } stop ? stop.ToUnixTimeMilliseconds() : DBNull.Value;
            energy.Value = session.EnergyWh;
            json.Value = JsonSerializer.Serialize(session, BillingReadModelJson.Default.ChargingSession);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteFoldsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyDictionary<string, BillingHistoryFold> folds, CancellationToken cancellationToken)
    {
        if (folds.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO billing_fold (persistence_id, state) VALUES (@pid, @state) ON CONFLICT (persistence_id) DO UPDATE SET state = excluded.state";
        var pid = Parameter(command, "@pid", DbType.String);
        var state = Parameter(command, "@state", DbType.String);
        foreach (var (persistenceId, fold) in folds.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            pid.Value = persistenceId;
            state.Value = JsonSerializer.Serialize(fold, BillingReadModelJson.Default.BillingHistoryFold);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteCorrectionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ProjectedCorrection> corrections, CancellationToken cancellationToken)
    {
        if (corrections.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO billing_correction (ordering, session_uuid, corrected_at, correction) VALUES (@ordering, @uuid, @at, @correction) ON CONFLICT (ordering) DO NOTHING";
        var ordering = Parameter(command, "@ordering", DbType.Int64);
        var uuid = Parameter(command, "@uuid", DbType.String);
        var at = Parameter(command, "@at", DbType.Int64);
        var json = Parameter(command, "@correction", DbType.String);
        foreach (var row in corrections)
        {
            ordering.Value = row.Ordering;
            uuid.Value = row.Correction.SessionUuid;
            at.Value = row.Correction.At.ToUnixTimeMilliseconds();
            json.Value = JsonSerializer.Serialize(row.Correction, BillingReadModelJson.Default.SessionCorrected);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
