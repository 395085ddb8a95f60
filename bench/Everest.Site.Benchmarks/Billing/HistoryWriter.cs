using Akka.Actor;
using Akka.Persistence;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Benchmarks.Billing;

/// <summary>Persists the events it is sent with one <c>PersistAll</c> (tagged by the product's adapter) and replies with their count.</summary>
internal sealed class HistoryWriter : ReceivePersistentActor
{
    public HistoryWriter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Command<IReadOnlyList<IEvseHistoryEvent>>(events =>
        {
            var requester = Sender;
            var left = events.Count;
            PersistAll(events, _ =>
            {
                if (--left == 0)
                {
                    requester.Tell(events.Count);
                }
            });
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new HistoryWriter(persistenceId));
}
