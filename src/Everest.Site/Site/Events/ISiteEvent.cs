namespace Everest.Site.Site.Events;

/// <summary>A decision of the site actor kept in its journal (persistence id <c>site</c>) for audit and recovery.</summary>
public interface ISiteEvent
{
    DateTimeOffset At { get; }
}
