using System.Text.Json.Serialization.Metadata;
using Everest.Site.Domain;

namespace Everest.Site.Persistence;

/// <summary>
/// The stable manifests of the site actor's events (<c>site.*.v1</c>). As for the EVSE history, a manifest never
/// changes once something was stored under it; a new shape gets a new type and manifest.
/// </summary>
public static class SiteEventManifests
{
    internal static PersistedTypeTable Table { get; } = new(nameof(SiteEventManifests), Build());

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types => Table.Types;

    private static PersistedType[] Build()
    {
        var json = SiteEventJson.Default;
        return
        [
            PersistedType.OfEvent(json.EvsePausedBySite),
            PersistedType.OfEvent(json.EvseResumedBySite),
            PersistedType.OfEvent(json.EvseLimitChanged),
            PersistedType.OfEvent(json.ReservationMade),
            PersistedType.OfEvent(json.ReservationClosed),
            PersistedType.OfEvent(json.SessionPriorityChanged),
            PersistedType.OfEvent(json.SessionGoalChanged),
        ];
    }
}
