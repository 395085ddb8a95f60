namespace Everest.Site.Actors.Persistence;

/// <summary>A value serialized by an <see cref="IEventSerializer"/>: its manifest and its bytes.</summary>
public readonly record struct SerializedValue(string Manifest, ReadOnlyMemory<byte> Payload);
