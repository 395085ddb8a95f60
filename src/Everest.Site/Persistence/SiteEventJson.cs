using System.Text.Json.Serialization;
using Everest.Site.Site.Events;

namespace Everest.Site.Persistence;

/// <summary>
/// Source-generated JSON metadata of what the site actor persists. Like the EVSE history: enums by name, nulls left
/// out, so an added nullable property reads old payloads unchanged.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvsePausedBySite))]
[JsonSerializable(typeof(EvseResumedBySite))]
[JsonSerializable(typeof(EvseLimitChanged))]
[JsonSerializable(typeof(ReservationMade))]
[JsonSerializable(typeof(ReservationClosed))]
[JsonSerializable(typeof(SessionPriorityChanged))]
[JsonSerializable(typeof(SessionGoalChanged))]
internal sealed partial class SiteEventJson : JsonSerializerContext;
