using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Everest.Site.Actors;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Two parties hand one message back and forth. Each operation is one message hand-off, so
/// messages/s = 1 / mean. The baseline is the same shape on two raw <see cref="Channel{T}"/>s.
/// </summary>
[Config(typeof(ActorBenchmarkConfig))]
public class PingPongBenchmarks
{
    private const int Messages = 200_000;

    private ActorSystem _system = null!;
    private IActorRef _ping = null!;
    private IActorRef _pong = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = new ActorSystem(new ActorSystemOptions { Name = "bench" });
        _pong = _system.ActorOf(Props.Create(() => new Pong()), "pong");
        _ping = _system.ActorOf(Props.Create(() => new Ping()), "ping");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task RawChannel()
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var toPong = Channel.CreateUnbounded<int>(options);
        var toPing = Channel.CreateUnbounded<int>(options);
        var pong = Task.Run(async () =>
        {
            await foreach (var value in toPong.Reader.ReadAllAsync())
            {
                toPing.Writer.TryWrite(value + 1);
            }
        });
        toPong.Writer.TryWrite(0);
        await foreach (var value in toPing.Reader.ReadAllAsync())
        {
            if (value >= Messages - 1)
            {
                break;
            }

            toPong.Writer.TryWrite(value + 1);
        }

        toPong.Writer.Complete();
        await pong;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Actors()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ping.Tell(new Start(_pong, Messages, done));
        return done.Task;
    }

    private sealed record Start(IActorRef Pong, int Messages, TaskCompletionSource Done);

    private sealed class Ping : Actor
    {
        private Start? _run;

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                _run = start;
                start.Pong.Tell(0, Self);
                return;
            }

            var value = (int)message;
            if (value >= _run!.Messages - 1)
            {
                _run.Done.SetResult();
                return;
            }

            _run.Pong.Tell(value + 1, Self);
        }
    }

    private sealed class Pong : Actor
    {
        protected override void OnReceive(object message) => Sender.Tell((int)message + 1, Self);
    }
}
