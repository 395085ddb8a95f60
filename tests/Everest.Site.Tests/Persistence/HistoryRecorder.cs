using Akka.Actor;
using Akka.Persistence;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// A persistent actor shaped like the EVSE actor: it persists bare EVSE history events (the journal's event adapter
/// tags them), folds them into <see cref="EvseHistoryState"/>, snapshots that state on request and reports what it
/// recovered.
/// </summary>
internal sealed class HistoryRecorder : ReceivePersistentActor
{
    private EvseHistoryState _state = EvseHistoryState.Initial;
    private long? _snapshotSequenceNr;
    private readonly List<IEvseHistoryEvent> _replayed = [];
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public HistoryRecorder(string persistenceId)
    {
        PersistenceId = persistenceId;

        Recover<SnapshotOffer>(offer =>
        {
            _state = (EvseHistoryState)offer.Snapshot;
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<IEvseHistoryEvent>(historyEvent =>
        {
            _state = _state.Apply(historyEvent);
            _replayed.Add(historyEvent);
        });

        Command<Record>(record =>
        {
            var left = record.Events.Count;
            PersistAll(record.Events, historyEvent =>
            {
                _state = _state.Apply(historyEvent);
                if (--left == 0)
                {
                    Sender.Tell(new Recorded(LastSequenceNr));
                }
            });
        });
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(_state);
        });
        Command<SaveSnapshotSuccess>(success => _snapshotRequester.Tell(new SnapshotTaken(success.Metadata.SequenceNr)));
        Command<SaveSnapshotFailure>(failure => _snapshotRequester.Tell(failure));
        Command<Report>(_ => Sender.Tell(new Recovered(_state, _snapshotSequenceNr, [.. _replayed], LastSequenceNr)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new HistoryRecorder(persistenceId));

    /// <summary>Persist these events, in order, atomically.</summary>
    public sealed record Record(IReadOnlyList<IEvseHistoryEvent> Events);

    public sealed record Recorded(long LastSequenceNr);

    /// <summary>Save the current state as a snapshot; the sender hears <see cref="SnapshotTaken"/> (or the failure).</summary>
    public sealed record TakeSnapshot;

    public sealed record SnapshotTaken(long SequenceNr);

    public sealed record Report;

    /// <summary>What the actor holds and how it got it: the snapshot it started from and the events replayed after it.</summary>
    public sealed record Recovered(EvseHistoryState State, long? SnapshotSequenceNr, IReadOnlyList<IEvseHistoryEvent> ReplayedEvents, long LastSequenceNr);
}
