namespace Everest.Site.Domain.Evse;

/// <summary>Decides which powermeter readings are worth a history event.</summary>
public static class MeterSampleDecimator
{
    /// <summary>
    /// True when <paramref name="reading"/> should be kept given the last kept sample. An idle EVSE (energy
    /// unchanged) writes nothing however long it idles; a meter that went backwards (replaced or reset) is
    /// always kept, since billing must see the jump; a reading older than the last kept one is never kept.
    /// </summary>
    public static bool ShouldKeep(MeterSamplePolicy policy, MeterReading? lastKept, MeterReading reading)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reading);
        if (lastKept is null)
        {
            return true;
        }

        if (reading.At <= lastKept.At)
        {
            return false;
        }

        var delta = reading.ImportedWh - lastKept.ImportedWh;
        if (delta < 0 || delta >= policy.EnergyDeltaWh)
        {
            return true;
        }

        return delta > 0 && reading.At - lastKept.At >= policy.Interval;
    }
}
