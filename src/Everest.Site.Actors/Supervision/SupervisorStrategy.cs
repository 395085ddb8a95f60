namespace Everest.Site.Actors;

/// <summary>
/// One-for-one supervision policy: how a parent treats a failing child (only that child is affected).
/// Set it on the parent's <see cref="Props"/> with <see cref="Props.WithSupervisorStrategy"/>.
/// </summary>
public sealed class SupervisorStrategy
{
    /// <param name="decider">Maps the child's exception to a directive.</param>
    /// <param name="maxNrOfRetries">
    /// How many restarts are allowed within <paramref name="withinTimeRange"/> before the child is stopped
    /// instead; null for no limit. 0 means "never restart: stop".
    /// </param>
    /// <param name="withinTimeRange">The window the restarts are counted in; null counts over the child's whole life.</param>
    public SupervisorStrategy(Func<Exception, Directive> decider, int? maxNrOfRetries = null, TimeSpan? withinTimeRange = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNrOfRetries), maxNrOfRetries, "Use null for no limit.");
        }

        if (withinTimeRange <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "The window must be positive; use null for no window.");
        }

        Decider = decider;
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    /// <summary>Restart on any exception, without limit; stop on start-up failures and death pacts (Akka's default).</summary>
    public static SupervisorStrategy Default { get; } = new(DefaultDecider);

    /// <summary>Stop a child on any exception.</summary>
    public static SupervisorStrategy Stopping { get; } = new(_ => Directive.Stop);

    public Func<Exception, Directive> Decider { get; }

    public int? MaxNrOfRetries { get; }

    public TimeSpan? WithinTimeRange { get; }

    /// <summary>
    /// The default decider: <see cref="ActorInitializationException"/> and <see cref="DeathPactException"/>
    /// stop the child (a fresh instance would fail the same way), every other exception restarts it.
    /// </summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Counts one more restart request; false when the limit is exceeded and the child must stop.</summary>
    internal bool RequestRestartPermission(RestartStatistics statistics, DateTimeOffset now)
    {
        if (MaxNrOfRetries is not { } max)
        {
            return true;
        }

        if (WithinTimeRange is { } window && now - statistics.WindowStart > window)
        {
            statistics.WindowStart = now;
            statistics.Count = 0;
        }

        statistics.Count++;
        return statistics.Count <= max;
    }
}

/// <summary>Per child: restarts counted in the current window. Touched only by the parent's mailbox run.</summary>
internal sealed class RestartStatistics
{
    public int Count { get; set; }

    public DateTimeOffset WindowStart { get; set; }
}
