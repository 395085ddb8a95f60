namespace Everest.Site.Actors.Persistence;

/// <summary>A stored snapshot: its metadata and the serialized state with its manifest.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, string Manifest, ReadOnlyMemory<byte> Payload);
