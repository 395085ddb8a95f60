using Everest.Site.Actors.Internal;

namespace Everest.Site.Actors;

/// <summary>
/// The immutable recipe for an actor: how to create an instance (again, on every restart), how it supervises
/// its children, and optional wrapping in a backoff supervisor.
/// </summary>
public sealed record Props
{
    private Props(Type actorType, Func<Actor> factory)
    {
        ActorType = actorType;
        Factory = factory;
    }

    /// <summary>The type of the actor instances this recipe creates (for logging).</summary>
    public Type ActorType { get; }

    /// <summary>How this actor supervises its children; null means <see cref="SupervisorStrategy.Default"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>Maximum number of stashed messages; null means the system's <see cref="ActorSystemOptions.StashCapacity"/>.</summary>
    public int? StashCapacity { get; private init; }

    internal Func<Actor> Factory { get; }

    /// <summary>An actor created with its parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : Actor, new() => new(typeof(TActor), static () => new TActor());

    /// <summary>An actor created by <paramref name="factory"/>, which runs again on every restart and must return a new instance each time.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : Actor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }

    public Props WithStashCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return this with { StashCapacity = capacity };
    }

    /// <summary>
    /// Wraps the actor in a backoff supervisor, which is what <c>ActorOf</c> then returns. When the actor
    /// stops because of a failure (an exception, or a persistent actor's journal failure), the supervisor
    /// re-creates it after <paramref name="minBackoff"/>, doubling the delay on each consecutive failure up to
    /// <paramref name="maxBackoff"/>, each delay stretched by a random share of up to
    /// <paramref name="randomFactor"/> so that many actors failing together do not retry together. Delays run
    /// on the system's <see cref="TimeProvider"/>. Messages sent to the supervisor are forwarded to the actor
    /// (sender kept); while the actor is down they go to dead letters rather than a buffer, so callers that
    /// need an answer use <c>Ask</c> with a timeout. When the actor stops on its own without failing, the
    /// supervisor stops too. The count of consecutive failures resets once an incarnation has run for
    /// <paramref name="maxBackoff"/>.
    /// </summary>
    public Props WithBackoff(TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, minBackoff);
        if (randomFactor is < 0 or > 1 || double.IsNaN(randomFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(randomFactor), randomFactor, "Must be between 0 and 1.");
        }

        var child = this;
        var options = new BackoffOptions(minBackoff, maxBackoff, randomFactor);
        return new Props(typeof(BackoffSupervisor), () => new BackoffSupervisor(child, options))
        {
            SupervisorStrategy = BackoffSupervisor.ChildStrategy,
        };
    }

    internal Actor NewActor()
    {
        var actor = Factory();
        if (actor is null)
        {
            throw new InvalidOperationException($"The factory of {ActorType.Name} returned null.");
        }

        return actor;
    }
}
