namespace Everest.Site.Domain;

/// <summary>
/// A persisted event type that names its stable manifest: the name it is stored under. A manifest is never
/// changed once events were written with it; a new shape gets a new manifest (…v2) and the old one stays readable.
/// </summary>
public interface IVersionedEvent
{
    /// <summary>The stored name of this event type, e.g. <c>evse.transaction-finished.v1</c>.</summary>
    static abstract string Manifest { get; }
}
