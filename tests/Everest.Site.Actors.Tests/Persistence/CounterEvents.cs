using System.Text.Json.Serialization;
using Everest.Site.Actors.Persistence;

namespace Everest.Site.Actors.Tests.Persistence;

public sealed record Added(int Amount);

public sealed record CounterSnapshot(int Total);

[JsonSerializable(typeof(Added))]
[JsonSerializable(typeof(CounterSnapshot))]
internal sealed partial class CounterJsonContext : JsonSerializerContext;

internal static class CounterSerializer
{
    public static JsonEventSerializer Create() => new JsonEventSerializer()
        .Register("test.counter.added.v1", CounterJsonContext.Default.Added)
        .Register("test.counter.snapshot.v1", CounterJsonContext.Default.CounterSnapshot);
}

public sealed record Add(int Amount);

public sealed record AddTwice(int Amount);

public sealed record GetTotal;

public sealed record Total(int Value);

public sealed record TakeSnapshot;

public sealed record DeleteUpTo(long SequenceNr);

public sealed record Recovered(int Total, long LastSequenceNr, IReadOnlyList<string> Replayed);

/// <summary>A persistent counter that reports its recovery and answers with its total.</summary>
internal sealed class PersistentCounter(string persistenceId, IActorRef probe) : PersistentActor
{
    private readonly List<string> _replayed = [];
    private int _total;

    public override string PersistenceId => persistenceId;

    protected override IReadOnlyList<string> TagsFor(object @event) => ["counter", "counter-" + persistenceId];

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: CounterSnapshot snapshot }:
                _total = snapshot.Total;
                _replayed.Add("snapshot " + snapshot.Total);
                break;
            case Added added:
                _total += added.Amount;
                _replayed.Add("added " + added.Amount);
                break;
            case RecoveryCompleted:
                probe.Tell(new Recovered(_total, LastSequenceNr, _replayed));
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Add add:
                Persist(new Added(add.Amount), added =>
                {
                    _total += added.Amount;
                    Sender.Tell(new Total(_total));
                });
                break;
            case AddTwice twice:
                PersistAll([new Added(twice.Amount), new Added(twice.Amount)], added =>
                {
                    _total += added.Amount;
                    Sender.Tell(new Total(_total));
                });
                break;
            case GetTotal:
                Sender.Tell(new Total(_total));
                break;
            case TakeSnapshot:
                SaveSnapshot(new CounterSnapshot(_total));
                break;
            case SaveSnapshotSuccess success:
                probe.Tell(success);
                break;
            case DeleteUpTo delete:
                DeleteMessages(delete.SequenceNr);
                break;
            case DeleteMessagesSuccess deleted:
                probe.Tell(deleted);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
