namespace Everest.Site.EverestApi;

/// <summary>How one operation of an EVerest API travels over MQTT.</summary>
public enum OperationKind
{
    /// <summary>
    /// We ask, EVerest answers: <c>m2e/{op}</c> carries <c>{"headers":{"replyTo":…},"payload":…}</c>, and
    /// EVerest publishes the bare reply value on <c>replyTo</c>. A request EVerest cannot parse gets no reply.
    /// </summary>
    Request,

    /// <summary>We publish the raw payload (no envelope) on <c>m2e/{op}</c>; nothing comes back.</summary>
    Command,

    /// <summary>EVerest publishes state or telemetry on <c>e2m/{op}</c> as a raw payload.</summary>
    Publication,

    /// <summary>
    /// EVerest asks, we answer: <c>e2m/{op}</c> carries the envelope (payload omitted when empty) and we
    /// publish the bare reply value on its <c>replyTo</c> before EVerest's timeout.
    /// </summary>
    ReversedRequest,

    /// <summary>EVerest tells us to do something on <c>e2m/{op}</c> and expects no reply (e.g. <c>reset</c>).</summary>
    Notification,
}
