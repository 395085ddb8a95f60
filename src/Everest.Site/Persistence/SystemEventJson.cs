using System.Text.Json.Serialization;
using Everest.Site.Firmware.Events;

namespace Everest.Site.Persistence;

/// <summary>Source-generated JSON metadata of what the system actors persist (enums by name, nulls left out).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FirmwareUpdateAccepted))]
[JsonSerializable(typeof(FirmwareStepReached))]
[JsonSerializable(typeof(FirmwareEvsesTaken))]
[JsonSerializable(typeof(FirmwareEvsesReturned))]
[JsonSerializable(typeof(BootReasonRecorded))]
internal sealed partial class SystemEventJson : JsonSerializerContext;
