using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>A composite charging schedule for one EVSE; EVSE 0 is the CSMS's cap for the whole station.</summary>
public sealed record ChargingSchedule(
    [property: JsonPropertyName("evse")] int Evse,
    [property: JsonPropertyName("charging_rate_unit")] string ChargingRateUnit,
    [property: JsonPropertyName("charging_schedule_period")] IReadOnlyList<ChargingSchedulePeriod> ChargingSchedulePeriod,
    [property: JsonPropertyName("duration")] int? Duration = null,
    [property: JsonPropertyName("start_schedule")] string? StartSchedule = null,
    [property: JsonPropertyName("min_charging_rate")] double? MinChargingRate = null) : EverestObject;
