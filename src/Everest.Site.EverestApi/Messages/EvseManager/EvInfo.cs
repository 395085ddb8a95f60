using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>What the EV reported about itself, when it did (<c>e2m/ev_info</c>).</summary>
public sealed record EvInfo(
    [property: JsonPropertyName("soc")] double? Soc = null,
    [property: JsonPropertyName("present_voltage")] double? PresentVoltage = null,
    [property: JsonPropertyName("present_current")] double? PresentCurrent = null,
    [property: JsonPropertyName("target_voltage")] double? TargetVoltage = null,
    [property: JsonPropertyName("target_current")] double? TargetCurrent = null,
    [property: JsonPropertyName("maximum_current_limit")] double? MaximumCurrentLimit = null,
    [property: JsonPropertyName("minimum_current_limit")] double? MinimumCurrentLimit = null,
    [property: JsonPropertyName("maximum_voltage_limit")] double? MaximumVoltageLimit = null,
    [property: JsonPropertyName("maximum_power_limit")] double? MaximumPowerLimit = null,
    [property: JsonPropertyName("estimated_time_full")] DateTimeOffset? EstimatedTimeFull = null,
    [property: JsonPropertyName("departure_time")] DateTimeOffset? DepartureTime = null,
    [property: JsonPropertyName("estimated_time_bulk")] DateTimeOffset? EstimatedTimeBulk = null,
    [property: JsonPropertyName("evcc_id")] string? EvccId = null,
    [property: JsonPropertyName("remaining_energy_needed")] double? RemainingEnergyNeeded = null,
    [property: JsonPropertyName("battery_capacity")] double? BatteryCapacity = null,
    [property: JsonPropertyName("battery_full_soc")] double? BatteryFullSoc = null,
    [property: JsonPropertyName("battery_bulk_soc")] double? BatteryBulkSoc = null) : EverestObject;
