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
}
