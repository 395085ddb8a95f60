namespace Everest.Site.Actors.Persistence;

/// <summary>
/// Turns events and snapshots into bytes with an explicit, stable manifest and back. Manifests are
/// part of the stored data: once written, a manifest must always deserialize (add a new manifest for a
/// new shape, never change an old one).
/// </summary>
public interface IEventSerializer
{
    /// <summary>Serializes <paramref name="value"/>; fails for a type that has no registered manifest.</summary>
    SerializedValue Serialize(object value);

    /// <summary>Restores the value stored under <paramref name="manifest"/>; fails for an unknown manifest.</summary>
    object Deserialize(string manifest, ReadOnlySpan<byte> payload);
}
