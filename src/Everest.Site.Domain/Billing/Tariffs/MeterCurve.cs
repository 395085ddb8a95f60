using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// The meter register of a transaction as a function of time: its readings made non-decreasing and kept between
/// the start and the stop value, joined by straight lines. Splits energy at instants between readings (a
/// time-of-use edge); because every edge is read once and shared by the periods on both sides, the periods' energies
/// always add up to exactly the transaction's energy.
/// </summary>
internal sealed class MeterCurve
{
    private readonly DateTimeOffset[] _times;
    private readonly decimal[] _values;

    public MeterCurve(ChargingSession session)
    {
        var points = session.MeterPoints;
        var start = session.MeterStartWh;
        var stop = Math.Max(start, session.LastMeterWh);
        _times = new DateTimeOffset[points.Length];
        _values = new decimal[points.Length];
        var running = start;
        for (var i = 0; i < points.Length; i++)
        {
            running = Math.Max(running, points[i].Wh);
            _times[i] = points[i].At;
            _values[i] = Math.Min(running, stop);
        }

        _values[0] = start;
        _values[^1] = stop;
        Start = start;
        Stop = stop;
    }

    public decimal Start { get; }

    public decimal Stop { get; }

    /// <summary>The register at <paramref name="at"/>, strictly inside the transaction; rounded to 1 mWh.</summary>
    public decimal At(DateTimeOffset at)
    {
        if (at < _times[0])
        {
            return _values[0];
        }

        // The last reading at or before the instant, and the next one after it.
        var i = Array.FindLastIndex(_times, t => t <= at);
        if (i == _times.Length - 1)
        {
            return _values[^1];
        }

        var span = (decimal)(_times[i + 1] - _times[i]).Ticks;
        var part = (decimal)(at - _times[i]).Ticks;
        var value = _values[i] + ((_values[i + 1] - _values[i]) * part / span);
        return Math.Round(value, 3, MidpointRounding.AwayFromZero);
    }
}
