namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// One network connection of <see cref="MqttNetTransport"/>, from the connect attempt to its loss. Messages that
/// arrive on it wait at <see cref="WaitUntilOpenAsync"/> until every subscription has been made again, so nothing of a
/// new connection reaches a handler (or is acknowledged) before the transport has restored what it was asked for.
/// </summary>
internal sealed class ConnectionLifetime
{
    /// <summary>True once open for delivery, false when the connection ended (or was abandoned) before that.</summary>
    private readonly TaskCompletionSource<bool> open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed with the reason when the client reports this connection lost.</summary>
    private readonly TaskCompletionSource<string> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => open.Task is { IsCompletedSuccessfully: true, Result: true };

    public Task<string> Lost => lost.Task;

    /// <summary>Lets messages through: the subscriptions are restored.</summary>
    public void Open() => open.TrySetResult(true);

    /// <summary>Messages waiting for this connection are dropped unacknowledged: the broker sends QoS 1 ones again on the next connection.</summary>
    public void Abandon() => open.TrySetResult(false);

    public void MarkLost(string reason)
    {
        Abandon();
        lost.TrySetResult(reason);
    }

    /// <summary>True when messages may be handed on; false when the connection ended first.</summary>
    public Task<bool> WaitUntilOpenAsync() => open.Task;
}
