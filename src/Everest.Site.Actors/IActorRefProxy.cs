namespace Everest.Site.Actors;

/// <summary>
/// A reference that stands in front of another one, such as a TestKit probe. The kernel watches, stops and
/// asks through <see cref="Target"/>; equality must follow the target's path so that a <see cref="Terminated"/>
/// for the target matches the proxy.
/// </summary>
public interface IActorRefProxy : IActorRef
{
    /// <summary>The reference messages are really delivered to.</summary>
    IActorRef Target { get; }
}
