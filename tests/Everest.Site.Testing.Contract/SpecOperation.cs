namespace Everest.Site.Testing.Contract;

/// <summary>
/// One operation of an EVerest API spec, as its channels and operations describe it.
/// </summary>
/// <param name="Api">The API's topic segment, e.g. <c>evse_manager_consumer</c>.</param>
/// <param name="Name">The operation's topic segment, e.g. <c>pause_charging</c>.</param>
/// <param name="Direction"><c>m2e</c> or <c>e2m</c>.</param>
/// <param name="HasReply">True when the spec's operation declares a reply (via <c>replyTo</c>).</param>
/// <param name="Message">The message published on <c>{Direction}/{Name}</c> (for requests: the envelope).</param>
/// <param name="Reply">The reply message, when <paramref name="HasReply"/>.</param>
public sealed record SpecOperation(string Api, string Name, string Direction, bool HasReply, SpecMessage Message, SpecMessage? Reply)
{
    public override string ToString() => $"{Api}/{Direction}/{Name}";
}
