namespace Everest.Site.EverestApi;

/// <summary>One request EVerest sent us, decoded.</summary>
/// <param name="Api">The API it came through.</param>
/// <param name="ModuleId">The API module instance (e.g. the charger's system module id).</param>
/// <param name="Operation">The operation name (e.g. <c>update_firmware</c>).</param>
/// <param name="Payload">The decoded arguments (<see cref="NoPayload"/> for operations without).</param>
/// <param name="ReplyTo">The topic our answer goes to.</param>
public sealed record ReversedRequest<TRequest>(EverestApiType Api, string ModuleId, string Operation, TRequest Payload, string ReplyTo);
