using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Firmware;

// What the system actors and the firmware rollout (/user/firmware) understand. EVerest's requests arrive wrapped in a
// SystemEnvelope for the charger whose system module they came on; everything is answered with one reply.

/// <summary>A message for the system actor of <paramref name="ChargerId"/>, routed by <see cref="FirmwareRolloutActor"/>.</summary>
public sealed record SystemEnvelope(string ChargerId, object Message);

/// <summary>EVerest's <c>update_firmware</c>; answered with an <see cref="UpdateFirmwareResponse"/>.</summary>
/// <param name="RolloutId">Set when an operator's rollout sent it, so the rollout counts this charger in.</param>
public sealed record UpdateFirmware(FirmwareUpdateRequest Request, string? RolloutId = null);

/// <summary>EVerest's <c>allow_firmware_installation</c> (no answer).</summary>
public sealed record AllowFirmwareInstallation
{
    public static AllowFirmwareInstallation Instance { get; } = new();
}

/// <summary>EVerest's <c>is_reset_allowed</c>; answered with a bool.</summary>
public sealed record IsResetAllowed(ResetType Type);

/// <summary>EVerest's <c>reset</c> (no answer).</summary>
public sealed record ResetCharger(ResetRequest Request);

/// <summary>EVerest's <c>set_system_time</c>; answered with a bool.</summary>
public sealed record SetSystemTime(DateTimeOffset Time);

/// <summary>EVerest's <c>get_boot_reason</c>; answered with a <see cref="BootReason"/>.</summary>
public sealed record GetBootReason
{
    public static GetBootReason Instance { get; } = new();
}

/// <summary>EVerest's <c>upload_logs</c>; answered with an <see cref="UploadLogsResponse"/>.</summary>
public sealed record UploadLogs(UploadLogsRequest Request);

/// <summary>A heartbeat of the charger's system API instance (EVerest is there).</summary>
public sealed record SystemHeartbeat(ulong Counter);

/// <summary>Asks the firmware rollout for a <see cref="FirmwareOverview"/>.</summary>
public sealed record GetFirmwareOverview
{
    public static GetFirmwareOverview Instance { get; } = new();
}

/// <summary>Each charger's firmware step and the rollout in progress.</summary>
public sealed record FirmwareOverview(IReadOnlyList<ChargerFirmwareStep> Chargers, RolloutSummary? Rollout);

/// <summary>Where one charger's firmware stands.</summary>
/// <param name="RequestId">The update request it is on (or last was on); null when it never had one.</param>
/// <param name="Detail">Why it waits or failed, in words an operator can act on.</param>
public sealed record ChargerFirmwareStep(string ChargerId, int? RequestId, FirmwareStep Step, string? Detail, DateTimeOffset? Since, string BootReason);

/// <summary>The rollout the site is in, if any.</summary>
/// <param name="Canary">The charger that installs first and alone (null without canary).</param>
/// <param name="Halted">Why the rollout stopped; null while it runs.</param>
public sealed record RolloutSummary(string Id, string? Canary, bool CanaryBack, IReadOnlyList<string> Installing, IReadOnlyList<string> Waiting, IReadOnlyList<string> Done, string? Halted);

/// <summary>An operator starts a rollout of one image over <paramref name="ChargerIds"/> (all chargers when empty).</summary>
public sealed record StartRollout(
    string Location,
    IReadOnlyList<string> ChargerIds,
    string? SigningCertificate = null,
    string? Signature = null,
    DateTimeOffset? InstallAt = null,
    int? Retries = null,
    int? RetryIntervalS = null);

/// <summary>The rollout started: each charger's request id and its answer.</summary>
public sealed record RolloutStarted(string RolloutId, IReadOnlyDictionary<string, int> RequestIds, IReadOnlyDictionary<string, string> Answers);

/// <summary>No rollout was started, and why.</summary>
public sealed record RolloutRefused(string Reason);

// Between a system actor and the rollout (its parent).

/// <summary>A charger is ready to take its EVSEs out of service and install; the rollout answers with <see cref="InstallSlotGranted"/> (maybe later) or <see cref="RolloutHalted"/>.</summary>
internal sealed record RequestInstallSlot(string ChargerId, int RequestId, string? RolloutId);

internal sealed record InstallSlotGranted(int RequestId);

internal sealed record RolloutHalted(int RequestId, string Reason);

/// <summary>A charger left the rollout: back with its new firmware (<paramref name="Succeeded"/>) or failed, cancelled, or gave up its place.</summary>
internal sealed record InstallEnded(string ChargerId, int RequestId, bool Succeeded, string? Reason)
{
    /// <summary>The request ended without its installation being tried (replaced, or failed before): no reason to halt the rollout.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>A charger's step changed (for the overview).</summary>
internal sealed record ChargerStepChanged(ChargerFirmwareStep Step);

/// <summary>The charger waits for its place in the rollout, and why.</summary>
internal sealed record InstallSlotQueued(int RequestId, string Reason);
