using Microsoft.Extensions.Logging;

namespace Everest.Site.Mqtt.Internal;

/// <summary>
/// The handlers registered on a transport for one kind of event. Registration copies the array so that
/// dispatch (on the network or delivery thread) reads a stable snapshot without taking a lock.
/// A handler that throws is counted and logged at most once per <see cref="ErrorLogInterval"/>, and the
/// remaining handlers still run.
/// </summary>
internal sealed class HandlerRegistry<T>
{
    private static readonly TimeSpan ErrorLogInterval = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly TransportCounters counters;
    private readonly ILogger logger;
    private readonly string clientId;

    /// <summary>Current handlers; replaced (never mutated) under <see cref="gate"/>.</summary>
    private volatile Action<T>[] handlers = [];

    /// <summary>Tick (ms) of the last handler error that was logged; 0 until the first one.</summary>
    private long lastErrorLoggedAt;

    /// <summary>Errors since the last logged one, reported with the next log line.</summary>
    private long suppressedErrors;

    public HandlerRegistry(TransportCounters counters, ILogger logger, string clientId)
    {
        this.counters = counters;
        this.logger = logger;
        this.clientId = clientId;
    }

    public IDisposable Add(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate)
        {
            handlers = [.. handlers, handler];
        }

        return new Registration(this, handler);
    }

    public void Invoke(T value)
    {
        foreach (var handler in handlers)
        {
            try
            {
                handler(value);
            }
#pragma warning disable CA1031 // A faulty handler must never stop delivery to the others or end the delivery loop.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                counters.HandlerFailed();
                LogRateLimited(exception);
            }
        }
    }

    private void Remove(Action<T> handler)
    {
        lock (gate)
        {
            var index = Array.IndexOf(handlers, handler);
            if (index >= 0)
            {
                handlers = [.. handlers[..index], .. handlers[(index + 1)..]];
            }
        }
    }

    private void LogRateLimited(Exception exception)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastErrorLoggedAt);
        if (last != 0 && now - last < ErrorLogInterval.TotalMilliseconds)
        {
            Interlocked.Increment(ref suppressedErrors);
            return;
        }

        if (Interlocked.CompareExchange(ref lastErrorLoggedAt, now, last) != last)
        {
            Interlocked.Increment(ref suppressedErrors);
            return;
        }

        var suppressed = Interlocked.Exchange(ref suppressedErrors, 0);
        logger.LogError(
            exception,
            "MQTT client {ClientId}: a {EventKind} handler threw; delivery goes on ({SuppressedErrors} more errors since the last report)",
            clientId,
            typeof(T).Name,
            suppressed);
    }

    private sealed class Registration(HandlerRegistry<T> owner, Action<T> handler) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Remove(handler);
            }
        }
    }
}
