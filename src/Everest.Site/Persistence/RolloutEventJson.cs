using System.Text.Json.Serialization;
using Everest.Site.Firmware.RolloutEvents;

namespace Everest.Site.Persistence;

/// <summary>Source-generated JSON metadata of what the firmware rollout persists (enums by name, nulls left out).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FirmwareRolloutBegun))]
[JsonSerializable(typeof(FirmwareRolloutChargerGranted))]
[JsonSerializable(typeof(FirmwareRolloutChargerEnded))]
[JsonSerializable(typeof(FirmwareRolloutHalted))]
[JsonSerializable(typeof(FirmwareRolloutClosed))]
[JsonSerializable(typeof(FirmwareRolloutSnapshot))]
internal sealed partial class RolloutEventJson : JsonSerializerContext;
