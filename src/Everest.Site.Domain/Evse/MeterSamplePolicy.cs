namespace Everest.Site.Domain.Evse;

/// <summary>
/// How densely meter readings are kept in an EVSE's history (EVerest publishes one per second; we keep few).
/// </summary>
/// <param name="Interval">Keep a reading when this much time has passed since the last kept one and the energy moved at all.</param>
/// <param name="EnergyDeltaWh">Keep a reading when the energy moved this much (Wh) since the last kept one, whatever the time.</param>
public sealed record MeterSamplePolicy(TimeSpan Interval, double EnergyDeltaWh)
{
    public static MeterSamplePolicy Default { get; } = new(TimeSpan.FromMinutes(5), 1000);
}
