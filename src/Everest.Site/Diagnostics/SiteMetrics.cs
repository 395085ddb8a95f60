using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Everest.Site.EverestApi;
using Everest.Site.Mqtt;

namespace Everest.Site.Diagnostics;

/// <summary>
/// The controller's one <see cref="System.Diagnostics.Metrics.Meter"/>, <c>Everest.Site</c>, and every instrument on it.
/// Components record through the methods here rather than holding instruments, so names, units and tags are decided in
/// one place. Tags are bounded (an API, an operation, a reason; never a raw topic or an id from the input).
/// Exported by OpenTelemetry when <c>everest-site.observability.otlp-endpoint</c> is set; readable by any
/// <see cref="MeterListener"/> (or <c>dotnet-counters monitor --counters Everest.Site</c>) in any case.
/// Thread-safe.
/// </summary>
public sealed class SiteMetrics : IEverestRequestObserver, IDisposable
{
    /// <summary>The meter's name, for exporters and listeners.</summary>
    public const string MeterName = "Everest.Site";

    /// <summary>The counter of MQTT messages received.</summary>
    public const string MessagesReceivedName = "everest_site.mqtt.messages_received";

    /// <summary>The counter of received MQTT messages that never reached the handlers.</summary>
    public const string MessagesDroppedName = "everest_site.mqtt.messages_dropped";

    /// <summary>The histogram of events per journal write.</summary>
    public const string JournalWriteEventsName = "everest_site.journal.write.events";

    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _messagesPublished;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _allocationDuration;
    private readonly Histogram<double> _journalWriteDuration;
    private readonly Histogram<long> _journalWriteEvents;
    private readonly Counter<long> _journalWriteFailures;

    /// <summary>Lag per projection as last reported; read by the gauge and the projection health check.</summary>
    private readonly ConcurrentDictionary<string, TimeSpan> _projectionLag = new(StringComparer.Ordinal);

    /// <summary>Sources of rejection counts (the EVerest message decoders), read when the counter is collected.</summary>
    private readonly ConcurrentBag<EverestMessageDecoder> _decoders = [];

    private JournalWriteResult? _lastJournalWrite;

    /// <summary>Reads the MQTT transport's own counters (dropped and waiting messages); null while none is observed.</summary>
    private Func<MqttTransportStatistics>? _transportStatistics;

    public SiteMetrics()
    {
        Meter = new Meter(MeterName);
        _messagesReceived = Meter.CreateCounter<long>(MessagesReceivedName, "{message}",
            "MQTT messages the controller received, by API, direction and operation");
        _messagesPublished = Meter.CreateCounter<long>("everest_site.mqtt.messages_published", "{message}",
            "MQTT messages the controller published, by API, direction and operation");
        Meter.CreateObservableCounter(MessagesDroppedName, ObserveDroppedMessages, "{message}",
            "Received MQTT messages that never reached the controller's handlers, by reason: queue_full (QoS 0 messages pushed out behind slow handlers, lost) or connection_ended (the broker sends QoS 1 ones again)");
        Meter.CreateObservableGauge("everest_site.mqtt.messages_waiting", ObserveWaitingMessages, "{message}",
            "Received MQTT messages waiting for the controller's handlers");
        Meter.CreateObservableCounter("everest_site.everest_api.rejected_payloads", ObserveRejections, "{message}",
            "EVerest API messages refused at the edge (malformed, out of range, unknown operation, …), by reason");
        _requestDuration = Meter.CreateHistogram<double>("everest_site.everest_api.request.duration", "s",
            "Time from sending a request (a command) to EVerest until its reply, timeout or failure, by API, operation and outcome");
        _allocationDuration = Meter.CreateHistogram<double>("everest_site.allocation.duration", "s",
            "Time one run of the site's power allocator took");
        _journalWriteDuration = Meter.CreateHistogram<double>("everest_site.journal.write.duration", "s",
            "Time from an EVSE actor's persist call until the journal confirmed the write");
        _journalWriteEvents = Meter.CreateHistogram<long>(JournalWriteEventsName, "{event}",
            "Events in one atomic journal write of an EVSE actor");
        _journalWriteFailures = Meter.CreateCounter<long>("everest_site.journal.write.failures", "{write}",
            "Journal writes that failed or were rejected");
        Meter.CreateObservableGauge("everest_site.projection.lag", ObserveProjectionLag, "s",
            "How far a projection of the journal (billing, …) is behind the newest event it follows, by projection");
    }

    /// <summary>The meter, for listeners that want exactly this instance's instruments (tests).</summary>
    public Meter Meter { get; }

    /// <summary>The outcome of the newest journal write an EVSE actor saw; null before the first.</summary>
    public JournalWriteResult? LastJournalWrite => Volatile.Read(ref _lastJournalWrite);

    /// <summary>The lag each projection last reported.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ProjectionLag => new Dictionary<string, TimeSpan>(_projectionLag, StringComparer.Ordinal);

    /// <summary>Counts a message received on <paramref name="topic"/>.</summary>
    public void MessageReceived(string topic) => _messagesReceived.Add(1, Tags(TopicKind.Of(topic)));

    /// <summary>Counts a message published on <paramref name="topic"/>.</summary>
    public void MessagePublished(string topic) => _messagesPublished.Add(1, Tags(TopicKind.Of(topic)));

    /// <summary>Counts <paramref name="decoder"/>'s rejections in <c>rejected_payloads</c> from now on.</summary>
    public void ObserveRejectionsOf(EverestMessageDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoders.Add(decoder);
    }

    /// <summary>Reports the transport's dropped and waiting messages from <paramref name="statistics"/> from now on.</summary>
    public void ObserveTransport(Func<MqttTransportStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Volatile.Write(ref _transportStatistics, statistics);
    }

    /// <inheritdoc />
    public void RequestCompleted(EverestApiType api, string operation, TimeSpan elapsed, EverestRequestOutcome outcome) =>
        _requestDuration.Record(elapsed.TotalSeconds, new TagList
        {
            { "api", api.ToWireName() },
            { "operation", operation },
            { "outcome", OutcomeTag(outcome) },
        });

    /// <summary>Records how long one allocator run took.</summary>
    public void AllocationRan(TimeSpan elapsed) => _allocationDuration.Record(elapsed.TotalSeconds);

    /// <summary>Records a journal write of <paramref name="events"/> events that the journal confirmed after <paramref name="elapsed"/>.</summary>
    public void JournalWritten(int events, TimeSpan elapsed, DateTimeOffset at)
    {
        _journalWriteDuration.Record(elapsed.TotalSeconds);
        _journalWriteEvents.Record(events);
        Volatile.Write(ref _lastJournalWrite, new JournalWriteResult(at, Succeeded: true, Error: null));
    }

    /// <summary>Records a journal write that failed (or was rejected) with <paramref name="error"/>.</summary>
    public void JournalWriteFailed(string error, DateTimeOffset at)
    {
        _journalWriteFailures.Add(1);
        Volatile.Write(ref _lastJournalWrite, new JournalWriteResult(at, Succeeded: false, Error: error));
    }

    /// <summary>
    /// Reports how far <paramref name="projection"/> is behind the journal (the age of the newest event it has not yet
    /// applied; zero when caught up). A projection reports after each batch it applies, and zero when it is idle.
    /// </summary>
    public void ReportProjectionLag(string projection, TimeSpan lag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        _projectionLag[projection] = lag < TimeSpan.Zero ? TimeSpan.Zero : lag;
    }

    public void Dispose() => Meter.Dispose();

    private static TagList Tags(TopicKind kind) => new()
    {
        { "api", kind.Api },
        { "direction", kind.Direction },
        { "operation", kind.Operation },
    };

    private static string OutcomeTag(EverestRequestOutcome outcome) => outcome switch
    {
        EverestRequestOutcome.Replied => "replied",
        EverestRequestOutcome.TimedOut => "timed_out",
        EverestRequestOutcome.Cancelled => "cancelled",
        _ => "failed",
    };

    private IEnumerable<Measurement<long>> ObserveRejections()
    {
        var byReason = new Dictionary<RejectionReason, long>();
        foreach (var decoder in _decoders)
        {
            foreach (var ((_, reason), count) in decoder.Rejections)
            {
                byReason[reason] = byReason.GetValueOrDefault(reason) + count;
            }
        }

        return byReason.Select(pair => new Measurement<long>(pair.Value, new KeyValuePair<string, object?>("reason", pair.Key.ToString())));
    }

    private IEnumerable<Measurement<long>> ObserveDroppedMessages()
    {
        if (Volatile.Read(ref _transportStatistics) is not { } statistics)
        {
            return [];
        }

        var dropped = statistics().MessagesDropped;
        return
        [
            new Measurement<long>(dropped.QueueFull, new KeyValuePair<string, object?>("reason", "queue_full")),
            new Measurement<long>(dropped.ConnectionEnded, new KeyValuePair<string, object?>("reason", "connection_ended")),
        ];
    }

    private IEnumerable<Measurement<long>> ObserveWaitingMessages() =>
        Volatile.Read(ref _transportStatistics) is { } statistics ? [new Measurement<long>(statistics().MessagesWaiting)] : [];

    private IEnumerable<Measurement<double>> ObserveProjectionLag() =>
        _projectionLag.Select(pair => new Measurement<double>(pair.Value.TotalSeconds, new KeyValuePair<string, object?>("projection", pair.Key)));
}
