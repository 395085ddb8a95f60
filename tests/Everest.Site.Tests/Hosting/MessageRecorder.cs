using System.Text;
using Everest.Site.Mqtt;

namespace Everest.Site.Tests.Hosting;

/// <summary>Keeps every message a transport receives, and lets a test await the one it expects.</summary>
internal sealed class MessageRecorder : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<MqttMessage> messages = [];
    private readonly List<(Func<IReadOnlyList<MqttMessage>, bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly IDisposable registration;

    public MessageRecorder(IMqttTransport transport)
    {
        registration = transport.OnMessage(OnMessage);
    }

    public IReadOnlyList<MqttMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public static string Text(MqttMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    /// <summary>Completes when <paramref name="condition"/> holds for the messages so far; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<MqttMessage>, bool> condition, string what, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (condition(messages))
            {
                return;
            }

            waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var seen = string.Join(Environment.NewLine, Messages.Select(m => $"  {m.Topic} {Text(m)}"));
            Assert.Fail($"Not seen within {timeout.TotalSeconds} s: {what}. Received:{Environment.NewLine}{seen}");
        }
    }

    public void Dispose() => registration.Dispose();

    private void OnMessage(MqttMessage message)
    {
        lock (gate)
        {
            messages.Add(message);
            foreach (var waiter in waiters.Where(w => w.Condition(messages)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }
}
