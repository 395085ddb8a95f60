using BenchmarkDotNet.Attributes;
using Everest.Site.Actors;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Spawn, watch and stop 10,000 child actors and wait for every <see cref="Terminated"/>. Each operation is one
/// actor's whole life, so actors/s = 1 / mean; "Allocated" is the memory allocated per actor's life.
/// </summary>
[Config(typeof(ActorBenchmarkConfig))]
public class SpawnBenchmarks
{
    private const int Actors = 10_000;

    private ActorSystem _system = null!;
    private IActorRef _spawner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = new ActorSystem(new ActorSystemOptions { Name = "bench" });
        _spawner = _system.ActorOf(Props.Create(() => new Spawner()), "spawner");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task SpawnAndStop()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _spawner.Tell(new Spawn(Actors, done));
        return done.Task;
    }

    private sealed record Spawn(int Count, TaskCompletionSource Done);

    private sealed class Idle : Actor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class Spawner : Actor
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
