using Everest.Site.Actors;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Bytes retained per idle actor: spawn 100,000 actors that have started and received one message, then
/// compare the live heap before and after (after full collections). Run with <c>-- idle-actor-memory</c>.
/// </summary>
internal static class IdleActorMemory
{
    public const string Command = "idle-actor-memory";

    public static async Task RunAsync()
    {
        const int count = 100_000;
        await using var system = new ActorSystem(new ActorSystemOptions { Name = "memory" });
        var props = Props.Create(() => new Idle());
        var before = LiveBytes();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var actors = new IActorRef[count];
        for (var i = 0; i < count; i++)
        {
            actors[i] = system.ActorOf(props);
        }

        var spawnAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var started = new CountdownEvent(count);
        foreach (var actor in actors)
        {
            actor.Tell(started);
        }

        await Task.Run(() => started.Wait());
        var after = LiveBytes();
        Console.WriteLine($"Idle actors: {count:N0}");
        Console.WriteLine($"Retained per idle actor (started, one message processed): {(after - before) / (double)count:N0} bytes (live heap after full GC, includes the 8-byte array slot of the reference)");
        Console.WriteLine($"Allocated by the spawning thread per ActorOf: {spawnAllocated / (double)count:N0} bytes");
        GC.KeepAlive(actors);
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class Idle : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is CountdownEvent started)
            {
                started.Signal();
            }
        }
    }
}
