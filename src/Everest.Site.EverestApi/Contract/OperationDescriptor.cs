namespace Everest.Site.EverestApi;

/// <summary>
/// One operation of an EVerest API as our contract describes it.
/// </summary>
/// <param name="Api">The API the operation belongs to.</param>
/// <param name="Name">The <c>{op}</c> topic segment.</param>
/// <param name="Kind">How it travels.</param>
/// <param name="PayloadType">
/// The CLR type of the message on <c>{dir}/{op}</c> (inside the envelope for requests); null when the
/// operation carries no payload (its content, if any, is ignored).
/// </param>
/// <param name="ReplyType">The CLR type of the reply value, for <see cref="OperationKind.Request"/> and <see cref="OperationKind.ReversedRequest"/>.</param>
/// <param name="SafeDefaultReply">
/// For reversed requests: the answer we give when our handler is missing, late or failing — the same
/// answer EVerest falls back to when nobody replies in time.
/// </param>
public sealed record OperationDescriptor(
    EverestApiType Api,
    string Name,
    OperationKind Kind,
    Type? PayloadType,
    Type? ReplyType = null,
    object? SafeDefaultReply = null)
{
    /// <summary>Which way the operation's message (the request, for requests) travels.</summary>
    public MessageDirection Direction => Kind is OperationKind.Request or OperationKind.Command
        ? MessageDirection.ModuleToEverest
        : MessageDirection.EverestToModule;

    /// <summary>True when a reply travels back on a <c>replyTo</c> topic.</summary>
    public bool HasReply => Kind is OperationKind.Request or OperationKind.ReversedRequest;

    /// <summary>True when the message is wrapped in <c>{"headers":{"replyTo":…},"payload":…}</c>.</summary>
    public bool HasEnvelope => HasReply;

    public override string ToString() => $"{Api.ToWireName()}/{EverestTopic.DirectionSegment(Direction)}/{Name}";
}
