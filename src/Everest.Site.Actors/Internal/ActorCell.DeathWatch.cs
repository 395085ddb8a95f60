namespace Everest.Site.Actors.Internal;

/// <summary>Death watch: who this actor watches, who watches it, and the notifications between them.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Actors this one watches.</summary>
    private HashSet<InternalActorRef>? _watching;

    /// <summary>Actors watching this one.</summary>
    private HashSet<ActorCell>? _watchedBy;

    public IActorRef Watch(IActorRef subject)
    {
        var target = Resolve(subject) ?? throw new ArgumentException($"Cannot watch {subject}: it is not an actor of this system.", nameof(subject));
        if (!ReferenceEquals(target, this) && (_watching ??= []).Add(target))
        {
            target.SendSystemMessage(new WatchActor(target, this));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        var target = Resolve(subject);
        if (target is not null && _watching is not null && _watching.Remove(target))
        {
            target.SendSystemMessage(new UnwatchActor(target, this));
        }

        return subject;
    }

    private void AddWatcher(WatchActor watch)
    {
        if (ReferenceEquals(watch.Watchee, this) && !ReferenceEquals(watch.Watcher, this))
        {
            (_watchedBy ??= []).Add(watch.Watcher);
        }
    }

    private void RemoveWatcher(UnwatchActor unwatch)
    {
        if (ReferenceEquals(unwatch.Watchee, this))
        {
            _watchedBy?.Remove(unwatch.Watcher);
        }
    }

    private void OnDeathWatchNotification(InternalActorRef actor)
    {
        if (actor is ActorCell child && ReferenceEquals(child._parent, this))
        {
            OnChildTerminated(child);
        }

        if (_watching is not null && _watching.Remove(actor) && _state is not (LifecycleState.Terminating or LifecycleState.Terminated))
        {
            // Queued as an ordinary message so that it keeps its place among the user messages.
            lock (this)
            {
                if (!_closed)
                {
                    EnqueueLastLocked(new Envelope(new Terminated(actor), actor));
                }
            }
        }
    }

    private void NotifyWatchersAndParent()
    {
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                // The parent hears about it below; one notification is enough.
                if (!ReferenceEquals(watcher, _parent))
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(this));
                }
            }

            _watchedBy = null;
        }

        if (_watching is not null)
        {
            foreach (var watched in _watching)
            {
                watched.SendSystemMessage(new UnwatchActor(watched, this));
            }

            _watching = null;
        }

        _parent?.SendSystemMessage(new DeathWatchNotification(this));
    }
}
