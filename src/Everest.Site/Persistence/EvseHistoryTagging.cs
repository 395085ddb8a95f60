using Akka.Persistence.Journal;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Persistence;

/// <summary>
/// Event adapter of the journal: on write it wraps each EVSE history event in <see cref="Tagged"/> with the tags of
/// <see cref="EvseTags"/>, so the actor persists bare domain events and the journal still stores their tags. On read it
/// hands the actor the bare event again: the SQL journal strips <see cref="Tagged"/> itself, Akka's in-memory journal
/// keeps and replays it. Bound by <see cref="SitePersistenceConfig"/>.
/// </summary>
public sealed class EvseHistoryTagging : IEventAdapter
{
    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) =>
        evt is IEvseHistoryEvent historyEvent ? new Tagged(evt, EvseTags.For(historyEvent)) : evt;

    public IEventSequence FromJournal(object evt, string manifest) =>
        EventSequence.Single(evt is Tagged tagged ? tagged.Payload : evt);
}
