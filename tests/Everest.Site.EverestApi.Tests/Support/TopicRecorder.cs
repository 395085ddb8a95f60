using System.Threading.Channels;
using Everest.Site.Mqtt;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>Records the messages one transport receives on a filter, for tests to await in order.</summary>
public sealed class TopicRecorder : IDisposable
{
    private readonly Channel<MqttMessage> received = Channel.CreateUnbounded<MqttMessage>();
    private readonly IDisposable registration;
    private readonly string filter;

    private TopicRecorder(IMqttTransport transport, string filter)
    {
        this.filter = filter;
        registration = transport.OnMessage(message =>
        {
            if (Matches(filter, message.Topic))
            {
                received.Writer.TryWrite(message);
            }
        });
    }

    public static async Task<TopicRecorder> StartAsync(IMqttTransport transport, string filter)
    {
        var recorder = new TopicRecorder(transport, filter);
        await transport.SubscribeAsync(filter, MqttQos.AtLeastOnce);
        return recorder;
    }

    /// <summary>The next message, in arrival order.</summary>
    public Task<MqttMessage> NextAsync() => Eventually.WithCapAsync(received.Reader.ReadAsync().AsTask(), $"a message on {filter}");

    /// <summary>True when a message is already waiting (does not consume it).</summary>
    public bool HasPending => received.Reader.TryPeek(out _);

    public void Dispose() => registration.Dispose();

    private static bool Matches(string filter, string topic)
    {
        var filterLevels = filter.Split('/');
        var topicLevels = topic.Split('/');
        for (var i = 0; i < filterLevels.Length; i++)
        {
            if (filterLevels[i] == "#")
            {
                return true;
            }

            if (i >= topicLevels.Length || (filterLevels[i] != "+" && filterLevels[i] != topicLevels[i]))
            {
                return false;
            }
        }

        return filterLevels.Length == topicLevels.Length;
    }
}
