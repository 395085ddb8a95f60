namespace Everest.Site.Mqtt;

/// <summary>
/// MQTT 3.1.1 topic rules: what a valid topic name and topic filter look like, and whether a filter
/// matches a topic. Shared by the in-memory broker and by anyone who dispatches incoming messages by filter.
/// </summary>
public static class MqttTopics
{
    /// <summary>The longest topic the protocol can carry (a two-byte length prefix, UTF-8 encoded).</summary>
    public const int MaxTopicBytes = 65_535;

    /// <summary>True when <paramref name="topic"/> may be published to: non-empty, no wildcards, no NUL.</summary>
    public static bool IsValidTopicName(string? topic) => ValidateTopicName(topic) is null;

    /// <summary>True when <paramref name="filter"/> may be subscribed to (wildcards only as whole levels, <c>#</c> last).</summary>
    public static bool IsValidFilter(string? filter) => ValidateFilter(filter) is null;

    /// <summary>Why <paramref name="topic"/> is not a valid topic name, or null when it is.</summary>
    public static string? ValidateTopicName(string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return "a topic must not be empty";
        }

        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            return $"the topic '{topic}' contains a wildcard ('+' or '#'), which only subscriptions may use";
        }

        return ValidateCommon(topic);
    }

    /// <summary>Why <paramref name="filter"/> is not a valid topic filter, or null when it is.</summary>
    public static string? ValidateFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return "a topic filter must not be empty";
        }

        var levelStart = 0;
        for (var i = 0; i <= filter.Length; i++)
        {
            if (i < filter.Length && filter[i] != '/')
            {
                continue;
            }

            var level = filter.AsSpan(levelStart, i - levelStart);
            if (level.Length > 1 && level.IndexOfAny('+', '#') >= 0)
            {
                return $"the topic filter '{filter}' uses a wildcard inside a level; '+' and '#' must stand alone between slashes";
            }

            if (level is "#" && i != filter.Length)
            {
                return $"the topic filter '{filter}' has '#' before its last level; '#' may only end a filter";
            }

            levelStart = i + 1;
        }

        return ValidateCommon(filter);
    }

    /// <summary>
    /// True when the (valid) <paramref name="filter"/> matches the (valid) <paramref name="topic"/>:
    /// <c>+</c> matches exactly one level (possibly empty), <c>#</c> matches the parent level and any number
    /// of levels below it, and a wildcard in the first level never matches a topic starting with <c>$</c>.
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);

        if (topic.StartsWith('$') && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#'))
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];

            if (fLevel is "#")
            {
                return true;
            }

            var tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];

            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fEnd < 0 || tEnd < 0)
            {
                // One side has no more levels. They match only if both end here, or if the filter's only
                // remaining level is '#' (which also matches the parent: "a/#" matches "a").
                return (fEnd < 0 && tEnd < 0) || (tEnd < 0 && f[(fEnd + 1)..] is "#");
            }

            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }

    /// <summary>Throws a non-transient <see cref="MqttException"/> when <paramref name="topic"/> cannot be published to.</summary>
    public static void EnsureValidTopicName(string? topic)
    {
        if (ValidateTopicName(topic) is { } error)
        {
            throw new MqttException($"Invalid MQTT topic: {error}.") { IsTransient = false };
        }
    }

    /// <summary>Throws a non-transient <see cref="MqttException"/> when <paramref name="filter"/> cannot be subscribed to.</summary>
    public static void EnsureValidFilter(string? filter)
    {
        if (ValidateFilter(filter) is { } error)
        {
            throw new MqttException($"Invalid MQTT topic filter: {error}.") { IsTransient = false };
        }
    }

    private static string? ValidateCommon(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "a topic must not contain the NUL character";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxTopicBytes)
        {
            return $"a topic must not be longer than {MaxTopicBytes} bytes in UTF-8";
        }

        return null;
    }
}
