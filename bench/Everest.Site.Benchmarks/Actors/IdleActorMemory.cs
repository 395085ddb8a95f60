using System.Threading.Channels;
using Akka.Actor;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Bytes retained per idle entity: 100,000 Akka.NET actors that have started and handled one message, beside
/// 100,000 hand-made channel "actors" (a <see cref="Channel{T}"/> and a task awaiting it) in the same run. Live heap
/// after full collections, before and after. Run with <c>-- idle-actor-memory</c>.
/// </summary>
internal static class IdleActorMemory
{
    public const string Command = "idle-actor-memory";

    private const int Count = 100_000;

    public static async Task RunAsync()
    {
        var baseline = await MeasureChannelLoopsAsync();
        var akka = await MeasureAkkaAsync();
        Console.WriteLine($"Idle entities: {Count:N0} each (live heap after full GC, includes the 8-byte slot holding each reference)");
        Console.WriteLine($"| raw Channel<T> + awaiting task (baseline) | {baseline:N0} B per entity |");
        Console.WriteLine($"| Akka.NET actor, started, one message handled | {akka:N0} B per actor | {akka / baseline:N1}× the baseline |");
    }

    private static async Task<double> MeasureChannelLoopsAsync()
    {
        var before = LiveBytes();
        var writers = new ChannelWriter<CountdownEvent>[Count];
        var loops = new Task[Count];
        using var started = new CountdownEvent(Count);
        for (var i = 0; i < Count; i++)
        {
            var channel = Channel.CreateUnbounded<CountdownEvent>(new UnboundedChannelOptions { SingleReader = true });
            writers[i] = channel.Writer;
            loops[i] = LoopAsync(channel.Reader);
        }

        foreach (var writer in writers)
        {
            writer.TryWrite(started);
        }

        await Task.Run(() => started.Wait());
        var after = LiveBytes();
        foreach (var writer in writers)
        {
            writer.Complete();
        }

        await Task.WhenAll(loops);
        GC.KeepAlive(writers);
        return (after - before) / (double)Count;

        static async Task LoopAsync(ChannelReader<CountdownEvent> reader)
        {
            await foreach (var message in reader.ReadAllAsync())
            {
                message.Signal();
            }
        }
    }

    private static async Task<double> MeasureAkkaAsync()
    {
        using var system = BenchActorSystem.Create("memory");
        var props = Props.Create(() => new Idle());
        using var started = new CountdownEvent(Count);
        var warmUp = system.ActorOf(props);
        warmUp.Tell(new CountdownEvent(1));
        var before = LiveBytes();
        var actors = new IActorRef[Count];
        for (var i = 0; i < Count; i++)
        {
            actors[i] = system.ActorOf(props);
        }

        foreach (var actor in actors)
        {
            actor.Tell(started);
        }

        await Task.Run(() => started.Wait());
        var after = LiveBytes();
        GC.KeepAlive(actors);
        await system.Terminate();
        return (after - before) / (double)Count;
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class Idle : UntypedActor
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
