using Akka.Persistence.Journal;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Persistence;

/// <summary>
/// Write-side event adapter of the journal: wraps each EVSE history event in <see cref="Tagged"/> with the tags of
/// <see cref="EvseTags"/>, so the actor persists bare domain events and the SQL journal still stores their tags.
/// Bound to <c>IEvseHistoryEvent</c> by <see cref="SitePersistenceConfig"/>.
/// </summary>
public sealed class EvseHistoryTagging : IWriteEventAdapter
{
    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) =>
        evt is IEvseHistoryEvent historyEvent ? new Tagged(evt, EvseTags.For(historyEvent)) : evt;
}
