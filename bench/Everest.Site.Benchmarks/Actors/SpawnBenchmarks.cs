using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Starts and stops 100,000 entities and waits until every one has stopped. Each operation is one entity's whole
/// life, so entities/s = Op/s and "Allocated" is what one life allocates. Akka.NET: child actors spawned, watched
/// and stopped, done when every <see cref="Terminated"/> has arrived. Baseline: the smallest hand-made "actor" —
/// a <see cref="Channel{T}"/> with a task reading it — created, completed and awaited.
/// </summary>
[Config(typeof(SpawnBenchmarkConfig))]
public class SpawnBenchmarks
{
    /// <summary>Entities per invocation.</summary>
    public const int Entities = 100_000;

    private ActorSystem _system = null!;
    private IActorRef _spawner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchActorSystem.Create("spawn");
        _spawner = _system.ActorOf(Props.Create(() => new Spawner()), "spawner");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Entities, Description = "raw Channel<T> + reader task, started and completed")]
    public async Task RawChannelLoops()
    {
        var loops = new Task[Entities];
        var writers = new ChannelWriter<object>[Entities];
        for (var i = 0; i < Entities; i++)
        {
            var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            writers[i] = channel.Writer;
            loops[i] = ReadAllAsync(channel.Reader);
        }

        foreach (var writer in writers)
        {
            writer.Complete();
        }

        await Task.WhenAll(loops);
    }

    [Benchmark(OperationsPerInvoke = Entities, Description = "Akka.NET ActorOf + Watch + Stop, Terminated received")]
    public Task Akka()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _spawner.Tell(new Spawn(Entities, done));
        return done.Task;
    }

    private static async Task ReadAllAsync(ChannelReader<object> reader)
    {
        await foreach (var message in reader.ReadAllAsync())
        {
            GC.KeepAlive(message);
        }
    }

    private sealed record Spawn(int Count, TaskCompletionSource Done);

    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Spawner : UntypedActor
    {
        private static readonly Props IdleProps = Props.Create(() => new Idle());
        private Spawn? _run;
        private int _terminated;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Spawn spawn:
                    _run = spawn;
                    _terminated = 0;
                    for (var i = 0; i < spawn.Count; i++)
                    {
                        var child = Context.ActorOf(IdleProps);
                        Context.Watch(child);
                        Context.Stop(child);
                    }

                    break;
                case Terminated when ++_terminated == _run!.Count:
                    _run.Done.SetResult();
                    break;
            }
        }
    }
}
