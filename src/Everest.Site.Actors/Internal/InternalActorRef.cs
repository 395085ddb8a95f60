namespace Everest.Site.Actors.Internal;

/// <summary>Kernel-side reference: adds the system-message channel to <see cref="IActorRef"/>. Equality is by path.</summary>
internal abstract class InternalActorRef : IActorRef
{
    public abstract ActorPath Path { get; }

    public string Name => Path.Name;

    internal abstract ActorSystem System { get; }

    public abstract void Tell(object message, IActorRef? sender);

    internal abstract void SendSystemMessage(SystemMessage message);

    /// <summary>The kernel reference behind <paramref name="actorRef"/> (unwrapping proxies such as probes), or null.</summary>
    internal static InternalActorRef? Resolve(IActorRef? actorRef)
    {
        for (var depth = 0; depth < 8 && actorRef is not null; depth++)
        {
            switch (actorRef)
            {
                case InternalActorRef internalRef:
                    return internalRef;
                case IActorRefProxy proxy:
                    actorRef = proxy.Target;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    public bool Equals(IActorRef? other) => other is not null && Path.Equals(other.Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => $"Actor[{Path}#{Path.Uid}]";
}
