using Akka.Event;
namespace Everest.Site.Evse;

/// <summary>
/// Bad input is counted per topic and never changes state. The log is rate-limited: the first rejection on a
/// topic is a warning; after that one warning per <see cref="RejectionLogEvery"/> on that topic, with the count.
/// Session events that do not fit the history shortly after a recovery (<see cref="RestartOverlap"/>) are logged at
/// Information instead: the broker then redelivers what was in flight when the controller stopped, and events the
/// reconciliation already accounted for follow, so such overlaps are the ordinary consequence of a restart.
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

    /// <summary>How long after a recovery a session event that does not fit the history counts as restart overlap.</summary>
    public static readonly TimeSpan RestartOverlap = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, long> _rejectionsByTopic = new(StringComparer.Ordinal);

    /// <summary>When this incarnation finished recovering; session events before <see cref="RestartOverlap"/> after it are overlap.</summary>
    private DateTimeOffset _recoveredAt;

    private bool InRestartOverlap => _time.GetUtcNow() - _recoveredAt < RestartOverlap;

    private void Reject(string topic, string reason, bool ordinary = false)
    {
        if (!_rejectionsByTopic.ContainsKey(topic) && _rejectionsByTopic.Count >= MaxTrackedRejectionTopics)
        {
            topic = OtherTopics;
        }

        _rejectionsByTopic.TryGetValue(topic, out var count);
        _rejectionsByTopic[topic] = ++count;
        if (count == 1 || count % RejectionLogEvery == 0)
        {
            if (ordinary)
            {
                _log.Info("EVSE {EvseId}: ignored a session event that overlaps the recovered history on {Topic} ({Count} so far): {Reason}", _settings.EvseId, topic, count, reason);
            }
            else
            {
                _log.Warning("EVSE {EvseId}: rejected input on {Topic} ({Count} so far): {Reason}", _settings.EvseId, topic, count, reason);
            }
        }

        Context.System.EventStream.Publish(new EvseInputRejected(_settings.EvseId, topic, reason));
    }
}
