using System.Globalization;

namespace Everest.Site.Actors.Internal;

/// <summary>
/// Children: created by the actor itself or, for the guardian, by any thread through
/// <see cref="ActorSystem.ActorOf"/>, so the name table has its own lock.
/// </summary>
internal sealed partial class ActorCell
{
    /// <summary>Live children by name, including stopping ones (their names stay taken until they have stopped). Guarded by itself.</summary>
    private Dictionary<string, ActorCell>? _children;

    /// <summary>Set (under the children lock) when this actor stops: no child may be added after that.</summary>
    private bool _childrenClosed;

    /// <summary>Children this actor asked to stop that have not stopped yet. Parent's mailbox run only.</summary>
    private int _childrenStopping;

    /// <summary>Set by the parent when it asks this child to stop. Parent's mailbox run only.</summary>
    private bool _stopRequestedByParent;

    /// <summary>Counter for generated child names.</summary>
    private int _nextChildId;

    public IReadOnlyCollection<IActorRef> Children => ChildrenSnapshot();

    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (_state is LifecycleState.Terminating or LifecycleState.Terminated)
        {
            throw new InvalidOperationException($"{_path} is stopping and cannot create children.");
        }

        return CreateChild(props, name);
    }

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return null;
        }

        lock (children)
        {
            return children.GetValueOrDefault(name);
        }
    }

    internal ActorCell CreateChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null)
        {
            name = "$" + Interlocked.Increment(ref _nextChildId).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            ValidateName(name);
        }

        var child = new ActorCell(_system, this, _path.Child(name, _system.NextUid()), props);
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            Interlocked.CompareExchange(ref _children, new Dictionary<string, ActorCell>(StringComparer.Ordinal), null);
            children = _children!;
        }

        lock (children)
        {
            if (_childrenClosed)
            {
                throw new InvalidOperationException($"{_path} is stopping and cannot create children.");
            }

            if (!children.TryAdd(name, child))
            {
                throw new InvalidActorNameException($"An actor named '{name}' already exists under {_path} (or is still stopping).");
            }
        }

        child.SendSystemMessage(new CreateActor());
        return child;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.StartsWith('$') || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new InvalidActorNameException($"'{name}' is not a valid actor name: it must be non-empty, without '/' or whitespace, and not start with '$'.");
        }
    }

    private List<ActorCell> ChildrenSnapshot()
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return [];
        }

        lock (children)
        {
            return [.. children.Values];
        }
    }

    private bool IsCurrentChild(ActorCell child)
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            return false;
        }

        lock (children)
        {
            return children.TryGetValue(child.Name, out var current) && ReferenceEquals(current, child);
        }
    }

    private void StopChild(ActorCell child)
    {
        if (!child._stopRequestedByParent)
        {
            child._stopRequestedByParent = true;
            _childrenStopping++;
        }

        child.SendSystemMessage(new TerminateActor());
    }

    /// <summary>Refuses new children and stops the existing ones; true when there are some to wait for.</summary>
    private bool CloseChildrenAndStopThem()
    {
        var children = Volatile.Read(ref _children);
        if (children is null)
        {
            if (_parent is not null)
            {
                // Only the guardian gets children from other threads; any other actor adds them in its own run.
                _childrenClosed = true;
                return false;
            }

            Interlocked.CompareExchange(ref _children, new Dictionary<string, ActorCell>(StringComparer.Ordinal), null);
            children = _children!;
        }

        List<ActorCell> toStop;
        lock (children)
        {
            _childrenClosed = true;
            toStop = [.. children.Values];
        }

        foreach (var child in toStop)
        {
            StopChild(child);
        }

        return toStop.Count > 0;
    }

    private void OnChildTerminated(ActorCell child)
    {
        var children = Volatile.Read(ref _children);
        var remaining = 0;
        if (children is not null)
        {
            lock (children)
            {
                if (children.TryGetValue(child.Name, out var current) && ReferenceEquals(current, child))
                {
                    children.Remove(child.Name);
                }

                remaining = children.Count;
            }
        }

        if (child._stopRequestedByParent)
        {
            _childrenStopping--;
        }

        if (_state == LifecycleState.Terminating && remaining == 0)
        {
            FinishTerminate();
        }
        else if (_state == LifecycleState.AwaitingChildrenForRestart && _childrenStopping == 0)
        {
            FinishRestart(_pendingRestartCause!);
        }
    }
}
