using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Everest.Site.Benchmarks.Actors;
using Everest.Site.Benchmarks.Persistence;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Fleet;

/// <summary>
/// The measured process of the fleet recovery benchmark: recovers every EVSE of a journal and prints one result
/// line, <c>recovered evses=… events=… replayed=… since-process-start-ms=… system-started-ms=…</c>. Either with
/// Akka (an actor system on the site's persistence settings, one <see cref="EvseShapedActor"/> per EVSE, all started
/// at once and recovering from snapshot and journal), or, as the baseline, without it: one connection that reads
/// each EVSE's latest snapshot and the events after it and folds them, one EVSE after another.
/// </summary>
internal static class FleetRecoveryChild
{
    public const string Command = "fleet-recovery-process";

    public const string ResultPrefix = "recovered ";

    /// <param name="persistenceSettings">HOCON inside <c>everest-site.persistence</c> over the defaults (e.g. recovery concurrency).</param>
    public static async Task RunAsync(string sqlitePath, int evses, bool useAkka, string persistenceSettings)
    {
        var database = await BenchmarkDatabase.OpenSqliteFileAsync(sqlitePath, persistenceSettings);
        var (events, replayed, systemStarted) = useAkka ? await RecoverWithAkkaAsync(database, evses) : await RecoverRawAsync(database, evses);
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{ResultPrefix}evses={evses} events={events} replayed={replayed} since-process-start-ms={sinceStart.TotalMilliseconds:F0} system-started-ms={systemStarted.TotalMilliseconds:F0}"));
    }

    private static async Task<(long Events, long Replayed, TimeSpan SystemStarted)> RecoverWithAkkaAsync(BenchmarkDatabase database, int evses)
    {
        var system = database.CreateSystem("fleet");
        var systemStarted = DateTime.Now - Process.GetCurrentProcess().StartTime;
        try
        {
            var recovered = new RecoveryCompletion(evses);
            for (var evse = 1; evse <= evses; evse++)
            {
                system.ActorOf(EvseShapedActor.Props(evse, recovered), EvseShapedActor.PersistenceIdOf(evse));
            }

            await recovered.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return (recovered.SequenceNrs, recovered.ReplayedEvents, systemStarted);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task<(long Events, long Replayed, TimeSpan SystemStarted)> RecoverRawAsync(BenchmarkDatabase database, int evses)
    {
        await using var connection = await database.OpenRawConnectionAsync();
        var opened = DateTime.Now - Process.GetCurrentProcess().StartTime;
        await using var snapshotQuery = Prepare(connection, "SELECT sequence_number, snapshot, manifest FROM snapshot WHERE persistence_id = @p ORDER BY sequence_number DESC LIMIT 1");
        await using var eventQuery = Prepare(connection, "SELECT sequence_number, message, manifest FROM journal WHERE persistence_id = @p AND sequence_number > @s AND deleted = 0 ORDER BY sequence_number");
        long events = 0;
        long replayed = 0;
        for (var evse = 1; evse <= evses; evse++)
        {
            var persistenceId = EvseShapedActor.PersistenceIdOf(evse);
            var state = EvseHistoryState.Initial;
            long sequenceNr = 0;
            snapshotQuery.Parameters[0].Value = persistenceId;
            await using (var reader = await snapshotQuery.ExecuteReaderAsync())
            {
                if (await reader.ReadAsync())
                {
                    sequenceNr = reader.GetInt64(0);
                    state = (EvseHistoryState)Deserialize(reader.GetFieldValue<byte[]>(1), reader.GetString(2));
                }
            }

            eventQuery.Parameters[0].Value = persistenceId;
            eventQuery.Parameters[1].Value = sequenceNr;
            await using (var reader = await eventQuery.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    sequenceNr = reader.GetInt64(0);
                    state = state.Apply((IEvseHistoryEvent)Deserialize(reader.GetFieldValue<byte[]>(1), reader.GetString(2)));
                    replayed++;
                }
            }

            GC.KeepAlive(state);
            events += sequenceNr;
        }

        return (events, replayed, opened);
    }

    private static object Deserialize(byte[] bytes, string manifest) => HistorySerialization.Deserialize(bytes, manifest);

    private static DbCommand Prepare(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in new[] { "@p", "@s" }.Where(sql.Contains))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
