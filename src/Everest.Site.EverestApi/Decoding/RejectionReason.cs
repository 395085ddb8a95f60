namespace Everest.Site.EverestApi;

/// <summary>Why an incoming message was not accepted.</summary>
public enum RejectionReason
{
    /// <summary>The topic is not <c>everest_api/1/{api}/{module_id}/{m2e|e2m}/{op}[/{id}]</c> for an API we know.</summary>
    NotEverestTopic,

    /// <summary>The API has no such operation in our contract (or not in that direction).</summary>
    UnknownOperation,

    /// <summary>The body is not well-formed JSON (or is empty where a value is required).</summary>
    MalformedJson,

    /// <summary>Well-formed JSON that does not fit the operation's payload type.</summary>
    WrongType,

    /// <summary>A request envelope without a usable <c>headers.replyTo</c>.</summary>
    MissingReplyTo,

    /// <summary>The body is longer than <see cref="EverestApiOptions.MaxPayloadBytes"/>; it was not parsed.</summary>
    PayloadTooLarge,

    /// <summary>A number that is not finite (<c>1e400</c> reads as infinity) where a measured value belongs.</summary>
    NonFiniteNumber,

    /// <summary>A finite number outside the physical bounds of its quantity (<see cref="PayloadBounds"/>).</summary>
    OutOfRange,

    /// <summary>A timestamp before <see cref="PayloadBounds.EarliestTimestamp"/>, or an observation dated ahead of our clock.</summary>
    ImpossibleTimestamp,

    /// <summary>A string longer than its field class allows (<see cref="PayloadBounds"/>).</summary>
    StringTooLong,
}
