namespace Everest.Site.Actors.Persistence;

/// <summary>An event or snapshot could not be serialized or deserialized (unregistered type, unknown manifest, bad payload).</summary>
public sealed class EventSerializationException : Exception
{
    public EventSerializationException(string message)
        : base(message)
    {
    }

    public EventSerializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
