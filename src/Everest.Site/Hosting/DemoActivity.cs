using System.Diagnostics.Metrics;
using Everest.Site.Diagnostics;

namespace Everest.Site.Hosting;

/// <summary>
/// The demo's activity figures, read from the controller's own meter like any other metrics consumer: EVerest
/// messages received and history events written, per wall second since the previous reading. Thread-safe.
/// </summary>
public sealed class DemoActivity : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TimeProvider _wallClock;
    private long _messages;
    private long _events;
    private long _lastMessages;
    private long _lastEvents;
    private long _lastTimestamp;

    public DemoActivity(SiteMetrics metrics, TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _wallClock = wallClock ?? TimeProvider.System;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)
                && instrument.Name is SiteMetrics.MessagesReceivedName or SiteMetrics.JournalWriteEventsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == SiteMetrics.MessagesReceivedName)
            {
                Interlocked.Add(ref _messages, value);
            }
            else
            {
                Interlocked.Add(ref _events, value);
            }
        });
        _listener.Start();
        _lastTimestamp = _wallClock.GetTimestamp();
    }

    /// <summary>MQTT messages received and history events written per wall second since the previous call (or since creation).</summary>
    public (double MessagesPerSecond, double EventsPerSecond) Rates()
    {
        var now = _wallClock.GetTimestamp();
        var seconds = _wallClock.GetElapsedTime(Interlocked.Exchange(ref _lastTimestamp, now), now).TotalSeconds;
        var messages = Interlocked.Read(ref _messages);
        var events = Interlocked.Read(ref _events);
        var rates = seconds <= 0
            ? (0, 0)
            : ((messages - Interlocked.Exchange(ref _lastMessages, messages)) / seconds, (events - Interlocked.Exchange(ref _lastEvents, events)) / seconds);
        return rates;
    }

    public void Dispose() => _listener.Dispose();
}
