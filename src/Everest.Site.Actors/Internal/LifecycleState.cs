namespace Everest.Site.Actors.Internal;

/// <summary>Where an actor cell is in its life; user messages are processed only in <see cref="Running"/>.</summary>
internal enum LifecycleState
{
    /// <summary>Created, waiting for its first instance.</summary>
    Creating,

    Running,

    /// <summary>Failed; waiting for the parent's directive.</summary>
    Suspended,

    /// <summary>Restarting; the old instance is gone, waiting for its children to stop before the new one is made.</summary>
    AwaitingChildrenForRestart,

    /// <summary>Stopping; waiting for its children to stop before <c>PostStop</c>.</summary>
    Terminating,

    Terminated,
}
