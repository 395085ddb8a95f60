namespace Everest.Site.EverestApi;

/// <summary>
/// A decoded EVerest API message: which API instance and operation it belongs to and its typed payload.
/// </summary>
/// <param name="Topic">The parsed topic (API, module id, direction, operation, correlation id).</param>
/// <param name="Operation">The contract entry of the operation.</param>
/// <param name="Payload">
/// The payload as the contract's type (<see cref="OperationDescriptor.PayloadType"/>, or
/// <see cref="OperationDescriptor.ReplyType"/> for a reply); null for operations that carry none.
/// </param>
/// <param name="ReplyTo">For envelopes (requests in either direction): where the answer goes.</param>
public sealed record EverestMessage(EverestTopic Topic, OperationDescriptor Operation, object? Payload, string? ReplyTo = null)
{
    public EverestApiType Api => Topic.Api;

    public string ModuleId => Topic.ModuleId;

    public string OperationName => Operation.Name;

    /// <summary>True when this is EVerest's reply to one of our requests (topic with a correlation segment).</summary>
    public bool IsReply => Topic.CorrelationId is not null;

    /// <summary>The payload as <typeparamref name="T"/>; throws <see cref="InvalidCastException"/> naming both types otherwise.</summary>
    public T PayloadAs<T>() => Payload is T typed
        ? typed
        : throw new InvalidCastException($"{Operation} carries {Payload?.GetType().Name ?? "no payload"}, not {typeof(T).Name}.");
}
