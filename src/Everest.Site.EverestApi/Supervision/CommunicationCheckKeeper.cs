using System.Collections.Concurrent;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Logging;

namespace Everest.Site.EverestApi;

/// <summary>
/// Keeps EVerest's communication check satisfied: publishes <c>true</c> on <c>m2e/communication_check</c> of
/// every API instance in use, right away and then every <see cref="EverestApiOptions.CommunicationCheckInterval"/>
/// (EVerest raises a CommunicationFault when none arrives for <c>cfg_communication_check_to_s</c>, 5 s by default).
/// <see cref="ShutdownAsync"/> publishes <c>false</c>, which ends EVerest's supervision until that module
/// restarts, so it belongs to an orderly shutdown only; <see cref="DisposeAsync"/> just stops.
/// </summary>
public sealed partial class CommunicationCheckKeeper : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> True = "true"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> False = "false"u8.ToArray();

    private readonly IMqttTransport transport;
    private readonly EverestApiOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    /// <summary>Topics of the instances in use (<c>…/m2e/communication_check</c>).</summary>
    private readonly ConcurrentDictionary<string, byte> topics = new(StringComparer.Ordinal);

    private readonly Lock gate = new();
    private ITimer? timer;
    private bool shutDown;
    private long published;
    private long publishFailures;

    /// <summary>1 while the last publication failed, so a broker outage is logged once rather than every interval.</summary>
    private int failing;

    public CommunicationCheckKeeper(IMqttTransport transport, EverestApiOptions options, TimeProvider timeProvider, ILogger<CommunicationCheckKeeper> logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.transport = transport;
        this.options = options.Validate();
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Communication checks published successfully (true and false).</summary>
    public long Published => Interlocked.Read(ref published);

    /// <summary>Communication checks that could not be published.</summary>
    public long PublishFailures => Interlocked.Read(ref publishFailures);

    /// <summary>The instances kept alive, as their communication-check topics.</summary>
    public IReadOnlyCollection<string> Topics => [.. topics.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds an API instance in use; once started, it gets <c>true</c> at once and then on every tick.</summary>
    public void Add(EverestApiType api, string moduleId)
    {
        var topic = EverestTopic.ToEverest(api, moduleId, EverestApiContract.CommunicationCheck).ToString();
        if (topics.TryAdd(topic, 0) && IsRunning)
        {
            _ = PublishAsync(topic, True);
        }
    }

    /// <summary>Publishes <c>true</c> on every instance now and then every interval.</summary>
    public void Start()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(shutDown, this);
            if (timer is not null)
            {
                return;
            }

            timer = timeProvider.CreateTimer(static state => ((CommunicationCheckKeeper)state!).Tick(), this, options.CommunicationCheckInterval, options.CommunicationCheckInterval);
        }

        // The first round goes out now rather than on a zero-due timer, so EVerest's fault clears without waiting a tick.
        Tick();
    }

    /// <summary>Orderly shutdown: stops the ticks and publishes <c>false</c> on every instance, ending EVerest's supervision.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        StopTimer(markShutDown: true);
        LogShutdown(logger, topics.Count);
        await Task.WhenAll(topics.Keys.Select(topic => PublishAsync(topic, False, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Stops the ticks without telling EVerest (it will raise its CommunicationFault, as it should when we vanish).</summary>
    public ValueTask DisposeAsync()
    {
        StopTimer(markShutDown: true);
        return ValueTask.CompletedTask;
    }

    private bool IsRunning
    {
        get
        {
            lock (gate)
            {
                return timer is not null && !shutDown;
            }
        }
    }

    private void Tick()
    {
        foreach (var topic in topics.Keys)
        {
            _ = PublishAsync(topic, True);
        }
    }

    private void StopTimer(bool markShutDown)
    {
        ITimer? stopped;
        lock (gate)
        {
            stopped = timer;
            timer = null;
            shutDown |= markShutDown;
        }

        stopped?.Dispose();
    }

    private async Task PublishAsync(string topic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        try
        {
            await transport.PublishAsync(new MqttMessage(topic, value, MqttQos.AtMostOnce), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref published);
            if (Interlocked.Exchange(ref failing, 0) == 1)
            {
                LogRecovered(logger);
            }
        }
        catch (Exception exception) when (exception is MqttException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref publishFailures);
            if (Interlocked.Exchange(ref failing, 1) == 0)
            {
                LogFailing(logger, topic, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot publish the communication check on {Topic}: {Reason}. EVerest will raise a CommunicationFault if this lasts; retrying every interval")]
    private static partial void LogFailing(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Communication checks are published again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orderly shutdown: publishing communication_check=false on {Count} API instances")]
    private static partial void LogShutdown(ILogger logger, int count);
}
