using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// 1,000 producers send to one consumer. Each operation is one message received, so messages/s = Op/s.
/// The baseline is the same shape on one multi-writer <see cref="Channel{T}"/> fed by 1,000 tasks.
/// </summary>
[Config(typeof(ActorBenchmarkConfig))]
public class FanInBenchmarks
{
    private const int Producers = 1_000;
    private const int PerProducer = 200;
    private const int Messages = Producers * PerProducer;

    private static readonly object Payload = new();

    private ActorSystem _system = null!;
    private IActorRef[] _producers = null!;
    private IActorRef _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchActorSystem.Create("fanin");
        _sink = _system.ActorOf(Props.Create(() => new Sink()), "sink");
        _producers = [.. Enumerable.Range(0, Producers).Select(i => _system.ActorOf(Props.Create(() => new Producer()), "producer-" + i))];
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "raw Channel<T>, 1,000 tasks → 1 reader")]
    public async Task RawChannel()
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var producers = new Task[Producers];
        for (var p = 0; p < Producers; p++)
        {
            producers[p] = Task.Run(() =>
            {
                for (var i = 0; i < PerProducer; i++)
                {
                    channel.Writer.TryWrite(Payload);
                }
            });
        }

        var received = 0;
        while (received < Messages && await channel.Reader.WaitToReadAsync())
        {
            while (channel.Reader.TryRead(out _))
            {
                received++;
            }
        }

        await Task.WhenAll(producers);
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "Akka.NET, 1,000 actors → 1 actor")]
    public Task Akka()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sink.Tell(new Expect(Messages, done));
        var produce = new Produce(_sink, PerProducer);
        foreach (var producer in _producers)
        {
            producer.Tell(produce);
        }

        return done.Task;
    }

    private sealed record Expect(int Messages, TaskCompletionSource Done);

    private sealed record Produce(IActorRef Sink, int Count);

    private sealed class Producer : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var produce = (Produce)message;
            for (var i = 0; i < produce.Count; i++)
            {
                produce.Sink.Tell(Payload);
            }
        }
    }

    private sealed class Sink : UntypedActor
    {
        private Expect? _expect;
        private int _received;

        protected override void OnReceive(object message)
        {
            if (message is Expect expect)
            {
                _expect = expect;
                _received = 0;
                return;
            }

            if (++_received == _expect!.Messages)
            {
                _expect.Done.SetResult();
            }
        }
    }
}
