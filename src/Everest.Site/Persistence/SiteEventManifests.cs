using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;
using Everest.Site.Domain;

namespace Everest.Site.Persistence;

/// <summary>
/// The stable manifests of the site actor's events (<c>site.*.v1</c>). As for the EVSE history, a manifest never
/// changes once something was stored under it; a new shape gets a new type and manifest.
/// </summary>
public static class SiteEventManifests
{
    private static readonly IReadOnlyList<PersistedType> All = Build();

    private static readonly FrozenDictionary<Type, PersistedType> ByType = All.ToFrozenDictionary(t => t.Type);

    private static readonly FrozenDictionary<string, PersistedType> ByManifest = All.ToFrozenDictionary(t => t.Manifest, StringComparer.Ordinal);

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = All.ToFrozenDictionary(t => t.Manifest, t => t.Type, StringComparer.Ordinal);

    internal static bool TryGet(Type type, out PersistedType persisted) => ByType.TryGetValue(type, out persisted!);

    internal static bool TryGet(string manifest, out PersistedType persisted) => ByManifest.TryGetValue(manifest, out persisted!);

    private static PersistedType[] Build()
    {
        var json = SiteEventJson.Default;
        return
        [
            Event(json.EvsePausedBySite),
            Event(json.EvseResumedBySite),
            Event(json.EvseLimitChanged),
            Event(json.ReservationMade),
            Event(json.ReservationClosed),
        ];
    }

    private static PersistedType Event<T>(JsonTypeInfo<T> typeInfo)
        where T : class, IVersionedEvent => PersistedType.Of(T.Manifest, typeInfo);
}
