using Akka.Actor;
using Everest.Site.Benchmarks.Actors;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Akka.Persistence.Sql's tables, made by the plugin itself before anything else touches the database.</summary>
internal static class PluginTables
{
    /// <summary>The plugin creates its tables on first use: one actor writes one event (removed again) so that they exist.</summary>
    public static async Task CreateAsync(BenchmarkDatabase database)
    {
        var system = database.CreateSystem("fleet-setup");
        try
        {
            var completion = new WriteCompletion(1);
            var actor = system.ActorOf(EvseShapedActor.Props(0), "tables");
            actor.Tell(new ExpectEvents(1, completion));
            actor.Tell(RecordNext.WithPersist);
            await completion.Task.WaitAsync(TimeSpan.FromMinutes(1));
            var saved = new WriteCompletion(1);
            actor.Tell(new ExpectSnapshot(saved));
            actor.Tell(SaveSnapshotNow.Instance);
            await saved.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await system.Terminate();
        }

        await database.ExecuteAsync(
            $"DELETE FROM tags WHERE persistence_id = '{EvseShapedActor.PersistenceIdOf(0)}'",
            $"DELETE FROM journal WHERE persistence_id = '{EvseShapedActor.PersistenceIdOf(0)}'",
            $"DELETE FROM snapshot WHERE persistence_id = '{EvseShapedActor.PersistenceIdOf(0)}'");
    }
}
