using Akka.Actor;
using Akka.Persistence;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>Expect <see cref="Events"/> more stored events, then tell <see cref="Completion"/>.</summary>
internal sealed record ExpectEvents(int Events, WriteCompletion Completion);

/// <summary>Record the next event of the EVSE's history with <c>Persist</c>, or with <c>PersistAsync</c> when <see cref="Async"/>.</summary>
internal sealed record RecordNext(bool Async)
{
    public static RecordNext WithPersist { get; } = new(false);

    public static RecordNext WithPersistAsync { get; } = new(true);
}

/// <summary>Record the next <see cref="EvseShapedActor.BatchSize"/> events with one <c>PersistAll</c> (one atomic write).</summary>
internal sealed record RecordNextBatch
{
    public static RecordNextBatch Instance { get; } = new();
}

/// <summary>Save a snapshot of the state now (used to make the plugin create its snapshot table).</summary>
internal sealed record SaveSnapshotNow
{
    public static SaveSnapshotNow Instance { get; } = new();
}

/// <summary>Tell <see cref="Completion"/> when the next snapshot is saved.</summary>
internal sealed record ExpectSnapshot(WriteCompletion Completion);

/// <summary>
/// A persistent actor shaped like the product's EVSE actor: it records Domain history events (tagged <c>evse</c>, and
/// <c>billing</c> where a charge detail record needs them, by the product's adapter), folds them into <see cref="EvseHistoryState"/>,
/// and saves that state as a snapshot every <see cref="SnapshotEvery"/> events; it recovers from snapshot and journal.
/// </summary>
internal sealed class EvseShapedActor : ReceivePersistentActor
{
    public const int BatchSize = 10;

    public const int SnapshotEvery = 500;

    private readonly EvseHistoryScript _script;
    private EvseHistoryState _state = EvseHistoryState.Initial;
    private int _expected;
    private WriteCompletion? _completion;
    private readonly RecoveryCompletion? _recovered;
    private long _replayed;
    private WriteCompletion? _snapshotSaved;

    /// <param name="recovered">Told when recovery has completed (the fleet recovery benchmark), if given.</param>
    public EvseShapedActor(int evse, RecoveryCompletion? recovered = null)
    {
        _script = new EvseHistoryScript(evse, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        PersistenceId = PersistenceIdOf(evse);
        _recovered = recovered;

        Recover<SnapshotOffer>(offer => _state = (EvseHistoryState)offer.Snapshot);
        Recover<IEvseHistoryEvent>(e =>
        {
            _state = _state.Apply(e);
            _replayed++;
        });
        Recover<RecoveryCompleted>(_ => recovered?.Recovered(LastSequenceNr, _replayed));

        Command<ExpectEvents>(expect =>
        {
            _expected = expect.Events;
            _completion = expect.Completion;
        });
        Command<RecordNext>(record =>
        {
            var next = _script.Next();
            if (record.Async)
            {
                PersistAsync(next, Stored);
            }
            else
            {
                Persist(next, Stored);
            }
        });
        Command<RecordNextBatch>(_ => PersistAll(Enumerable.Range(0, BatchSize).Select(_ => _script.Next()).ToArray(), Stored));
        Command<SaveSnapshotNow>(_ => SaveSnapshot(_state));
        Command<ExpectSnapshot>(expect => _snapshotSaved = expect.Completion);
        Command<SaveSnapshotSuccess>(_ =>
        {
            _snapshotSaved?.ActorDone();
            _snapshotSaved = null;
        });
        Command<SaveSnapshotFailure>(failure => _completion?.Fail(failure.Cause));
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(int evse) => $"evse-{evse}";

    public static Props Props(int evse, RecoveryCompletion? recovered = null) => Akka.Actor.Props.Create(() => new EvseShapedActor(evse, recovered));

    /// <summary>The tags the product stores an event under (its tagging adapter adds them to what this actor persists).</summary>
    public static IReadOnlyList<string> TagsOf(IEvseHistoryEvent historyEvent) => [.. EvseTags.For(historyEvent).Order(StringComparer.Ordinal)];

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _recovered?.Fail(reason);
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _completion?.Fail(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _completion?.Fail(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Stored(IEvseHistoryEvent historyEvent)
    {
        _state = _state.Apply(historyEvent);
        if (LastSequenceNr % SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }

        if (--_expected == 0)
        {
            _completion?.ActorDone();
        }
    }
}
