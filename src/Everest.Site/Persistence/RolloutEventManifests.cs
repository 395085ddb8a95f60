namespace Everest.Site.Persistence;

/// <summary>
/// The stable manifests of the firmware rollout's events (<c>rollout.*.v1</c>) and of its snapshot
/// (<see cref="Snapshot"/>); never changed once written.
/// </summary>
public static class RolloutEventManifests
{
    /// <summary>Manifest of the <see cref="Firmware.RolloutEvents.FirmwareRolloutSnapshot"/>.</summary>
    public const string Snapshot = "rollout.state.v1";

    internal static PersistedTypeTable Table { get; } = new(nameof(RolloutEventManifests), Build());

    /// <summary>Every manifest and the type stored under it.</summary>
    public static IReadOnlyDictionary<string, Type> Types => Table.Types;

    private static PersistedType[] Build()
    {
        var json = RolloutEventJson.Default;
        return
        [
            PersistedType.OfEvent(json.FirmwareRolloutBegun),
            PersistedType.OfEvent(json.FirmwareRolloutChargerGranted),
            PersistedType.OfEvent(json.FirmwareRolloutChargerEnded),
            PersistedType.OfEvent(json.FirmwareRolloutHalted),
            PersistedType.OfEvent(json.FirmwareRolloutClosed),
            PersistedType.Of(Snapshot, json.FirmwareRolloutSnapshot),
        ];
    }
}
