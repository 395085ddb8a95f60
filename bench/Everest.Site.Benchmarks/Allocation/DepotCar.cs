namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// One visit of the depot day: arrives and leaves at a minute of the day, plugs into an EVSE, charges on
/// 1 or 3 phases up to its own maximum, and needs an amount of energy it could get at its maximum in its stay.
/// </summary>
internal sealed record DepotCar(int Id, int Evse, int ArriveMinute, int LeaveMinute, int Phases, double MaxA, double NeedWh);
