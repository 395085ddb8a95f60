using Everest.Site.Actors.Internal;
using Everest.Site.Actors.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Actors;

/// <summary>
/// The home of a tree of actors: creates top-level actors, owns the clock, the event stream, dead letters
/// and the persistence plugins, and shuts everything down in order.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ActorCell _guardian;
    private readonly DeadLetterActorRef _deadLetters;
    private readonly DeadLetterMonitor _deadLetterMonitor;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorPath _tempPath;
    private long _uid;
    private int _terminating;

    public ActorSystem(ActorSystemOptions? options = null)
    {
        options ??= new ActorSystemOptions();
        Name = options.Name ?? "everest";
        if (Name.Length == 0 || Name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Name}' is not a valid actor system name.", nameof(options));
        }

        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Journal = options.Journal ?? new InMemoryJournal();
        SnapshotStore = options.SnapshotStore ?? new InMemorySnapshotStore();
        Serializer = options.Serializer ?? new JsonEventSerializer();
        Throughput = Positive(options.Throughput ?? 30, nameof(options.Throughput));
        StashCapacity = Positive(options.StashCapacity ?? 10_000, nameof(options.StashCapacity));
        RecoveryBatchSize = Positive(options.RecoveryBatchSize ?? 500, nameof(options.RecoveryBatchSize));
        KernelLog = LoggerFactory.CreateLogger("Everest.Site.Actors.ActorSystem");
        EventStream = new EventStream();

        var root = new ActorPath(Name);
        _tempPath = root.Child("temp", 0);
        _deadLetters = new DeadLetterActorRef(this, root.Child("deadLetters", 0));
        _deadLetterMonitor = new DeadLetterMonitor(
            LoggerFactory.CreateLogger("Everest.Site.Actors.DeadLetters"),
            TimeProvider,
            Positive(options.DeadLetterLogBurst ?? 10, nameof(options.DeadLetterLogBurst)),
            options.DeadLetterLogInterval is { } interval && interval <= TimeSpan.Zero
                ? throw new ArgumentOutOfRangeException(nameof(options), interval, "DeadLetterLogInterval must be positive.")
                : options.DeadLetterLogInterval ?? TimeSpan.FromSeconds(10));
        _guardian = new ActorCell(this, null, root.Child("user", 0), Props.Create<Guardian>());
        _guardian.SendSystemMessage(new CreateActor());
    }

    public string Name { get; }

    /// <summary>The only clock of this system: timers, ask timeouts, backoff delays and event timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    public IEventSerializer Serializer { get; }

    /// <summary>Publish/subscribe by message type inside this system.</summary>
    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; sending here counts a dead letter.</summary>
    public IActorRef DeadLetters => _deadLetters;

    /// <summary>Dead letters (including unhandled messages) since the system started.</summary>
    public long DeadLetterCount => _deadLetterMonitor.Count;

    /// <summary>Completes once every actor has stopped after <see cref="TerminateAsync"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal int Throughput { get; }

    internal int StashCapacity { get; }

    internal int RecoveryBatchSize { get; }

    internal ILogger KernelLog { get; }

    /// <summary>Creates a top-level actor (a child of the user guardian).</summary>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken.</exception>
    /// <exception cref="InvalidOperationException">The system is terminating.</exception>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (Volatile.Read(ref _terminating) != 0)
        {
            throw new InvalidOperationException($"Actor system '{Name}' is terminating; no actors can be created.");
        }

        return _guardian.CreateChild(props, name);
    }

    /// <summary>Stops an actor asynchronously (after the message it is processing).</summary>
    public void Stop(IActorRef actor)
    {
        var target = InternalActorRef.Resolve(actor) ?? throw new ArgumentException($"Cannot stop {actor}: it is not an actor of this system.", nameof(actor));
        target.SendSystemMessage(new TerminateActor());
    }

    /// <summary>
    /// Stops every actor, children before their parents (each <c>PostStop</c> runs), and completes when all
    /// have stopped. Safe to call more than once.
    /// </summary>
    public Task TerminateAsync()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            _guardian.SendSystemMessage(new TerminateActor());
        }

        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await TerminateAsync().ConfigureAwait(false);

    public override string ToString() => $"ActorSystem[{Name}]";

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal ActorPath NewTempPath() => _tempPath.Child("$" + NextUid().ToString(System.Globalization.CultureInfo.InvariantCulture), 0);

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        _deadLetterMonitor.Record(deadLetter);

        // A dead letter about a dead letter (a dead subscriber) is counted but not published again: no loops.
        if (deadLetter.Message is not DeadLetter)
        {
            EventStream.Publish(deadLetter);
        }
    }

    internal void OnGuardianTerminated()
    {
        Volatile.Write(ref _terminating, 1);
        _terminated.TrySetResult();
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
}
