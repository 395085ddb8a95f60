using System.Collections.Concurrent;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.EverestApi;

/// <summary>
/// Watches <c>e2m/heartbeat</c> of API instances: an instance is reported offline after
/// <see cref="EverestApiOptions.HeartbeatTimeout"/> without a heartbeat (counted from when watching starts),
/// and online again on the next one. Any message on the heartbeat topic counts as a sign of life; one that
/// does not hold a counter is also counted in <see cref="MalformedHeartbeats"/>. A counter that goes
/// backwards (EVerest restarted) is logged. <see cref="StatusChanged"/> is raised on the transport or timer
/// thread: handlers must be quick.
/// </summary>
public sealed partial class HeartbeatWatcher : IAsyncDisposable
{
    private readonly IMqttTransport transport;
    private readonly EverestApiOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly IDisposable messageRegistration;

    /// <summary>Watched instances by heartbeat topic.</summary>
    private readonly ConcurrentDictionary<string, WatchedInstance> watched = new(StringComparer.Ordinal);

    private long heartbeats;
    private long malformedHeartbeats;
    private bool disposed;

    public HeartbeatWatcher(IMqttTransport transport, EverestApiOptions options, TimeProvider timeProvider, ILogger<HeartbeatWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.transport = transport;
        this.options = options.Validate();
        this.timeProvider = timeProvider;
        this.logger = logger;
        messageRegistration = transport.OnMessage(OnMessage);
    }

    /// <summary>Raised when an instance goes online or offline.</summary>
    public event EventHandler<EverestInstanceStatusChanged>? StatusChanged;

    /// <summary>Heartbeat messages received from watched instances.</summary>
    public long Heartbeats => Interlocked.Read(ref heartbeats);

    /// <summary>Heartbeat messages whose body was not a counter.</summary>
    public long MalformedHeartbeats => Interlocked.Read(ref malformedHeartbeats);

    /// <summary>The current status of a watched instance; throws <see cref="KeyNotFoundException"/> for one not watched.</summary>
    public EverestInstanceStatus GetStatus(EverestApiType api, string moduleId) =>
        watched.TryGetValue(HeartbeatTopic(api, moduleId), out var instance)
            ? instance.Status
            : throw new KeyNotFoundException($"{api.ToWireName()} module '{moduleId}' is not watched.");

    /// <summary>Starts watching one API instance: subscribes to its heartbeat and starts its silence timer.</summary>
    public async Task WatchAsync(EverestApiType api, string moduleId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var topic = HeartbeatTopic(api, moduleId);
        var instance = new WatchedInstance(this, api, moduleId);
        if (!watched.TryAdd(topic, instance))
        {
            return;
        }

        instance.Start();
        try
        {
            await transport.SubscribeAsync(topic, MqttQos.AtMostOnce, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not watched after all: the caller sees the failure and may try again.
            watched.TryRemove(topic, out _);
            instance.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        disposed = true;
        messageRegistration.Dispose();
        foreach (var instance in watched.Values)
        {
            instance.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string HeartbeatTopic(EverestApiType api, string moduleId) =>
        EverestTopic.FromEverest(api, moduleId, EverestApiContract.Heartbeat).ToString();

    private void OnMessage(MqttMessage message)
    {
        if (!watched.TryGetValue(message.Topic, out var instance))
        {
            return;
        }

        ulong? counter = null;
        try
        {
            counter = EverestJson.Decode<ulong>(message.Payload.Span);
        }
        catch (Exception exception) when (EverestMessageDecoder.IsDecodingFailure(exception))
        {
            Interlocked.Increment(ref malformedHeartbeats);
        }

        instance.OnHeartbeat(counter);
        Interlocked.Increment(ref heartbeats);
    }

    private void Raise(EverestInstanceStatusChanged change)
    {
        if (change.Status == EverestInstanceStatus.Offline)
        {
            LogOffline(logger, change.Api.ToWireName(), change.ModuleId, options.HeartbeatTimeout);
        }
        else
        {
            LogOnline(logger, change.Api.ToWireName(), change.ModuleId);
        }

        StatusChanged?.Invoke(this, change);
    }

    /// <summary>One watched instance; its timer fires after a silence of the heartbeat timeout.</summary>
    private sealed class WatchedInstance(HeartbeatWatcher owner, EverestApiType api, string moduleId) : IDisposable
    {
        private readonly Lock gate = new();
        private ITimer? silenceTimer;
        private ulong? lastCounter;

        public EverestInstanceStatus Status { get; private set; } = EverestInstanceStatus.Unknown;

        public void Start()
        {
            lock (gate)
            {
                silenceTimer = owner.timeProvider.CreateTimer(static state => ((WatchedInstance)state!).OnSilence(), this, owner.options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);
            }
        }

        // Changes are raised under the lock so that listeners see them in the order they happened
        // (a heartbeat and the silence timer can race); handlers are quick by contract.
        public void OnHeartbeat(ulong? counter)
        {
            lock (gate)
            {
                if (counter is { } value && lastCounter is { } previous && value < previous)
                {
                    LogCounterReset(owner.logger, api.ToWireName(), moduleId, previous, value);
                }

                lastCounter = counter ?? lastCounter;
                silenceTimer?.Change(owner.options.HeartbeatTimeout, Timeout.InfiniteTimeSpan);
                if (Status != EverestInstanceStatus.Online)
                {
                    Status = EverestInstanceStatus.Online;
                    owner.Raise(new EverestInstanceStatusChanged(api, moduleId, Status, owner.timeProvider.GetUtcNow(), lastCounter));
                }
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                silenceTimer?.Dispose();
                silenceTimer = null;
            }
        }

        private void OnSilence()
        {
            lock (gate)
            {
                if (silenceTimer is not null && Status != EverestInstanceStatus.Offline)
                {
                    Status = EverestInstanceStatus.Offline;
                    owner.Raise(new EverestInstanceStatusChanged(api, moduleId, Status, owner.timeProvider.GetUtcNow(), lastCounter));
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Api} module {ModuleId} is offline: no heartbeat for {Timeout}")]
    private static partial void LogOffline(ILogger logger, string api, string moduleId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Api} module {ModuleId} is online")]
    private static partial void LogOnline(ILogger logger, string api, string moduleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Api} module {ModuleId} restarted: heartbeat counter went from {Previous} to {Current}")]
    private static partial void LogCounterReset(ILogger logger, string api, string moduleId, ulong previous, ulong current);
}
