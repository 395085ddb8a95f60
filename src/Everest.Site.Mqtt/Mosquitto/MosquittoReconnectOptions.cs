namespace Everest.Site.Mqtt.Mosquitto;

/// <summary>
/// How libmosquitto retries a lost or failed connection (HOCON <c>everest-site.mqtt.reconnect</c>). The wait
/// grows exponentially from <see cref="MinDelay"/> to <see cref="MaxDelay"/> and returns to the minimum after a
/// successful connection. libmosquitto counts in whole seconds, so both are rounded up to seconds.
/// </summary>
public sealed record MosquittoReconnectOptions
{
    /// <summary><c>min-delay</c>: the first wait after a loss (default 1 s).</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>max-delay</c>: the longest wait between attempts (default 30 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
