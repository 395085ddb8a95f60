namespace Everest.Site.Persistence;

/// <summary>The stable manifests of the system actors' events (<c>system.*.v1</c>); never changed once written.</summary>
public static class SystemEventManifests
{
    internal static PersistedTypeTable Table { get; } = new(nameof(SystemEventManifests), Build());

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types => Table.Types;

    private static PersistedType[] Build()
    {
        var json = SystemEventJson.Default;
        return
        [
            PersistedType.OfEvent(json.FirmwareUpdateAccepted),
            PersistedType.OfEvent(json.FirmwareStepReached),
            PersistedType.OfEvent(json.FirmwareEvsesTaken),
            PersistedType.OfEvent(json.FirmwareEvsesReturned),
            PersistedType.OfEvent(json.BootReasonRecorded),
        ];
    }
}
