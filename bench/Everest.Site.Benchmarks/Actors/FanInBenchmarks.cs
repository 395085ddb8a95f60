using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Everest.Site.Actors;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// 1,000 producers send to one consumer. Each operation is one message received, so messages/s = 1 / mean.
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
        _system = new ActorSystem(new ActorSystemOptions { Name = "bench" });
        _sink = _system.ActorOf(Props.Create(() => new Sink()), "sink");
        _producers = [.. Enumerable.Range(0, Producers).Select(i => _system.ActorOf(Props.Create(() => new Producer()), "producer-" + i))];
    }

    [GlobalCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
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

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Actors()
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

    private sealed class Producer : Actor
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

    private sealed class Sink : Actor
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
