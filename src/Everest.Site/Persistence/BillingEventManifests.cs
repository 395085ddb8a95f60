namespace Everest.Site.Persistence;

/// <summary>
/// The stable manifests of billing events (<c>billing.*.v1</c>). A manifest never changes once something was stored
/// under it; a new shape gets a new type and manifest.
/// </summary>
public static class BillingEventManifests
{
    internal static PersistedTypeTable Table { get; } = new(nameof(BillingEventManifests), [PersistedType.OfEvent(BillingEventJson.Default.SessionCorrected)]);

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types => Table.Types;
}
