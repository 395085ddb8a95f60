using Everest.Site.EverestApi;

namespace Everest.Site.Diagnostics;

/// <summary>
/// What a metric may say about an MQTT topic: the API, the direction and the operation, never the raw topic. Module
/// ids, correlation ids and whatever a misbehaving client publishes stay out of the tags, so the number of time series
/// is bounded by our contract, not by the input.
/// </summary>
/// <param name="Api">The API's wire name (<c>evse_manager_consumer</c>, …), or <see cref="Other"/>.</param>
/// <param name="Direction"><c>m2e</c>, <c>e2m</c>, or <see cref="Other"/>.</param>
/// <param name="Operation">An operation of our contract, <c>reply</c> for an answer, or <see cref="Other"/>.</param>
public readonly record struct TopicKind(string Api, string Direction, string Operation)
{
    /// <summary>The tag value of anything outside the EVerest API contract (our status topic, a stranger's topic).</summary>
    public const string Other = "other";

    private static readonly TopicKind Unknown = new(Other, Other, Other);

    /// <summary>The kind of <paramref name="topic"/>.</summary>
    public static TopicKind Of(string topic)
    {
        if (!EverestTopic.TryParse(topic, out var parsed))
        {
            return Unknown;
        }

        var direction = EverestTopic.DirectionSegment(parsed.Direction);
        if (parsed.CorrelationId is not null || parsed.Operation == EverestTopic.ReplyOperation)
        {
            // A reply on its own topic: which request it answers is known only to the client that asked.
            return new TopicKind(parsed.Api.ToWireName(), direction, EverestTopic.ReplyOperation);
        }

        var operation = EverestApiContract.TryFind(parsed.Api, parsed.Operation, out var known) ? known.Name : Other;
        return new TopicKind(parsed.Api.ToWireName(), direction, operation);
    }
}
