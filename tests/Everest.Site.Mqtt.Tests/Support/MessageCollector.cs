namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>Records what a transport delivers to its handlers, and lets a test await a condition on it.</summary>
public sealed class MessageCollector : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<MqttMessage> messages = [];
    private readonly List<MqttConnectionStateChanged> states = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly IDisposable messageRegistration;
    private readonly IDisposable stateRegistration;

    public MessageCollector(IMqttTransport transport)
    {
        messageRegistration = transport.OnMessage(message => Add(messages, message));
        stateRegistration = transport.OnConnectionStateChanged(change => Add(states, change));
    }

    public IReadOnlyList<MqttMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return messages.ToArray();
            }
        }
    }

    public IReadOnlyList<MqttConnectionStateChanged> States
    {
        get
        {
            lock (gate)
            {
                return states.ToArray();
            }
        }
    }

    public Task<IReadOnlyList<MqttMessage>> WaitForMessagesAsync(int count, string? because = null) =>
        WaitForMessagesAsync(messages => messages.Count >= count, because ?? $"{count} messages");

    public async Task<IReadOnlyList<MqttMessage>> WaitForMessagesAsync(Func<IReadOnlyList<MqttMessage>, bool> condition, string what)
    {
        await WaitUntilAsync(() => condition(messages), what);
        return Messages;
    }

    public Task WaitForStateAsync(MqttConnectionState state) =>
        WaitUntilAsync(() => states.Any(s => s.State == state), $"connection state {state}");

    public Task WaitForStateCountAsync(MqttConnectionState state, int count) =>
        WaitUntilAsync(() => states.Count(s => s.State == state) >= count, $"{count} times connection state {state}");

    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
            states.Clear();
        }
    }

    public void Dispose()
    {
        messageRegistration.Dispose();
        stateRegistration.Dispose();
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition())
            {
                return;
            }

            waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(TestTimeouts.Condition);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Done == done);
                throw new TimeoutException(
                    $"Waited {TestTimeouts.Condition.TotalSeconds:0} s for {what}; got {messages.Count} messages " +
                    $"({string.Join(", ", messages.Take(5).Select(m => m.Topic))}…) and states [{string.Join(", ", states.Select(s => s.State))}].");
            }
        }
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (gate)
        {
            list.Add(item);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Condition())
                {
                    waiters[i].Done.TrySetResult();
                    waiters.RemoveAt(i);
                }
            }
        }
    }
}
