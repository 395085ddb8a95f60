using Akka.Util;

namespace Everest.Site.Evse;

/// <summary>
/// Finds the EVSE entity a message is for and what to hand it. Shaped like Akka.Cluster.Sharding's message
/// extractor (entity id, entity message, shard id), so the EVSE entity can become a sharded entity unchanged; on
/// one gateway box <see cref="EvseFleetActor"/> uses it to pick a child.
/// </summary>
public sealed class EvseMessageExtractor
{
    /// <summary>Shards for a clustered deployment: ten per node of a generous cluster, as Akka advises.</summary>
    public const int DefaultShardCount = 100;

    public EvseMessageExtractor(int shardCount = DefaultShardCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardCount);
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    /// <summary>The EVSE id of an <see cref="EvseEnvelope"/>; null for anything else.</summary>
    public string? EntityId(object message) => (message as EvseEnvelope)?.EvseId;

    /// <summary>What the entity receives: the envelope's content.</summary>
    public object? EntityMessage(object message) => (message as EvseEnvelope)?.Message;

    /// <summary>
    /// The shard of the message's EVSE, from a hash that is the same in every process (string.GetHashCode is
    /// randomised per process and would move entities between nodes).
    /// </summary>
    public string? ShardId(object message) => EntityId(message) is { } evseId ? ShardIdOf(evseId) : null;

    /// <summary>The shard of <paramref name="evseId"/>.</summary>
    public string ShardIdOf(string evseId)
    {
        ArgumentNullException.ThrowIfNull(evseId);
        var hash = MurmurHash.StringHash(evseId);
        return ((hash % ShardCount + ShardCount) % ShardCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
