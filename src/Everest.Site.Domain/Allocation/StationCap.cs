namespace Everest.Site.Domain.Allocation;

/// <summary>
/// A per-phase current cap on all EVSEs of one charging station, in force now: the CSMS's charging schedule
/// entry for <c>evse: 0</c> (ocpp_consumer <c>charging_schedules</c>), already evaluated for the current time.
/// </summary>
public sealed record StationCap(string StationId, double MaxCurrentA);
