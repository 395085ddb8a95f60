namespace Everest.Site.Simulator.Evse;

/// <summary>
/// One reading of an EVSE's billing meter. Energy is an integer register in milliwatt-hours, so the energy of
/// a session (stop minus start) is exact and equals what a controller computes from the published values.
/// </summary>
public sealed record MeterReading(
    DateTimeOffset Timestamp,
    long EnergyImportMilliWh,
    double CurrentL1A,
    double CurrentL2A,
    double CurrentL3A,
    double VoltageV)
{
    public double EnergyImportWh => EnergyImportMilliWh / 1000.0;

    public double PowerW => (CurrentL1A + CurrentL2A + CurrentL3A) * VoltageV;
}
