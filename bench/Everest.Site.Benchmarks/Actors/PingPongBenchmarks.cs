using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>
/// Two parties hand messages back and forth, with <see cref="InFlight"/> messages circulating at once (1: strict
/// ping-pong; 100: a burst). Each operation is one message delivered, so messages/s = Op/s. The baseline is the
/// same shape on two raw <see cref="Channel{T}"/>s read by two tasks.
/// </summary>
[Config(typeof(ActorBenchmarkConfig))]
public class PingPongBenchmarks
{
    /// <summary>Messages delivered per invocation (both directions counted).</summary>
    public const int Messages = 400_000;

    private ActorSystem _system = null!;
    private IActorRef _ping = null!;
    private IActorRef _pong = null!;

    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = BenchActorSystem.Create("pingpong");
        _pong = _system.ActorOf(Props.Create(() => new Pong()), "pong");
        _ping = _system.ActorOf(Props.Create(() => new Ping()), "ping");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "raw Channel<T>, two tasks")]
    public async Task RawChannel()
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var toPong = Channel.CreateUnbounded<int>(options);
        var toPing = Channel.CreateUnbounded<int>(options);
        var pong = Task.Run(async () =>
        {
            await foreach (var value in toPong.Reader.ReadAllAsync())
            {
                toPing.Writer.TryWrite(value);
            }
        });

        var roundTrips = Messages / 2;
        var sent = 0;
        for (; sent < InFlight; sent++)
        {
            toPong.Writer.TryWrite(sent);
        }

        var received = 0;
        await foreach (var value in toPing.Reader.ReadAllAsync())
        {
            if (++received == roundTrips)
            {
                break;
            }

            if (sent < roundTrips)
            {
                toPong.Writer.TryWrite(value);
                sent++;
            }
        }

        toPong.Writer.Complete();
        await pong;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "Akka.NET, two actors")]
    public Task Akka()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ping.Tell(new Start(_pong, Messages / 2, InFlight, done));
        return done.Task;
    }

    private sealed record Start(IActorRef Pong, int RoundTrips, int InFlight, TaskCompletionSource Done);

    private sealed class Ping : UntypedActor
    {
        private Start? _run;
        private int _sent;
        private int _received;

        protected override void OnReceive(object message)
        {
            if (message is Start start)
            {
                _run = start;
                _received = 0;
                for (_sent = 0; _sent < start.InFlight; _sent++)
                {
                    start.Pong.Tell(_sent);
                }

                return;
            }

            var run = _run!;
            if (++_received == run.RoundTrips)
            {
                run.Done.SetResult();
                return;
            }

            if (_sent < run.RoundTrips)
            {
                run.Pong.Tell(message);
                _sent++;
            }
        }
    }

    private sealed class Pong : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }
}
