namespace Everest.Site.Domain.Evse.History;

/// <summary>A decimated meter reading kept for the record (see <see cref="MeterSampleDecimator"/>), not every 1 Hz reading.</summary>
public sealed record MeterSampled(string? SessionUuid, MeterReading Reading) : IEvseHistoryEvent, IVersionedEvent
{
    public static string Manifest => "evse.meter-sampled.v1";

    public DateTimeOffset At => Reading.At;
}
