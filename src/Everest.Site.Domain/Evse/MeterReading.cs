namespace Everest.Site.Domain.Evse;

/// <summary>
/// One powermeter reading of an EVSE, as far as billing and allocation need it.
/// </summary>
/// <param name="At">When the meter took the reading.</param>
/// <param name="ImportedWh">Cumulative imported energy of the meter (Wh); never decreases on a healthy meter.</param>
/// <param name="PowerW">Total active power (W), when reported.</param>
/// <param name="Current">Current per phase (A), when reported.</param>
public sealed record MeterReading(DateTimeOffset At, double ImportedWh, double? PowerW = null, PhaseCurrents? Current = null);
