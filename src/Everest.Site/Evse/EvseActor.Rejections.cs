using Akka.Event;
namespace Everest.Site.Evse;

/// <summary>
/// Bad input is counted per topic and never changes state. The log is rate-limited: the first rejection on a
/// topic is a warning; after that one warning per <see cref="RejectionLogEvery"/> on that topic, with the count.
/// </summary>
public sealed partial class EvseActor
{
    /// <summary>After the first rejection on a topic, every this many rejections on it are logged again.</summary>
    public const int RejectionLogEvery = 100;

    /// <summary>
    /// Distinct topics counted one by one; rejections on further topics (made-up operation names) are counted
    /// under <see cref="OtherTopics"/>, so that a noisy broker cannot grow the table without bound.
    /// </summary>
    public const int MaxTrackedRejectionTopics = 64;

    /// <summary>The key rejections on untracked topics are counted under.</summary>
    public const string OtherTopics = "*";

    private readonly Dictionary<string, long> _rejectionsByTopic = new(StringComparer.Ordinal);

    private void Reject(string topic, string reason)
    {
        if (!_rejectionsByTopic.ContainsKey(topic) && _rejectionsByTopic.Count >= MaxTrackedRejectionTopics)
        {
            topic = OtherTopics;
        }

        _rejectionsByTopic.TryGetValue(topic, out var count);
        _rejectionsByTopic[topic] = ++count;
        if (count == 1 || count % RejectionLogEvery == 0)
        {
            _log.Warning("EVSE {EvseId}: rejected input on {Topic} ({Count} so far): {Reason}", _settings.EvseId, topic, count, reason);
        }

        Context.System.EventStream.Publish(new EvseInputRejected(_settings.EvseId, topic, reason));
    }
}
