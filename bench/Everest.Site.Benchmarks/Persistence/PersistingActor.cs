using System.Text.Json.Serialization;
using Everest.Site.Actors;
using Everest.Site.Actors.Persistence;

namespace Everest.Site.Benchmarks.Persistence;

/// <summary>A meter reading as an EVSE actor would persist it.</summary>
public sealed record BenchMeterSample(long SequenceNr, long EnergyWh, int PowerW);

/// <summary>Asks a <see cref="PersistingActor"/> to persist this many events, one <c>Persist</c> at a time.</summary>
internal sealed record PersistEvents(int Count);

/// <summary>The reply once all of a <see cref="PersistEvents"/> request's events are stored.</summary>
internal sealed record EventsPersisted(long LastSequenceNr);

[JsonSerializable(typeof(BenchMeterSample))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>
/// A persistent actor that stores events one at a time, each <c>Persist</c> awaiting the journal before the
/// next command is handled: the write pattern of an EVSE actor recording its history.
/// </summary>
internal sealed class PersistingActor(string persistenceId) : PersistentActor
{
    private int _remaining;
    private IActorRef? _requester;

    public override string PersistenceId => persistenceId;

    public static IEventSerializer Serializer() =>
        new JsonEventSerializer().Register("bench.meter-sample.v1", BenchJsonContext.Default.BenchMeterSample);

    protected override void OnRecover(object message)
    {
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case PersistEvents request:
                _remaining = request.Count;
                _requester = Sender;
                PersistNext();
                break;
            case NextEvent:
                PersistNext();
                break;
        }
    }

    private void PersistNext() =>
        Persist(new BenchMeterSample(LastSequenceNr + 1, 1000 + LastSequenceNr, 11000), _ =>
        {
            if (--_remaining > 0)
            {
                Self.Tell(NextEvent.Instance, Self);
            }
            else
            {
                _requester?.Tell(new EventsPersisted(LastSequenceNr), Self);
            }
        });

    private sealed record NextEvent
    {
        public static NextEvent Instance { get; } = new();
    }
}
