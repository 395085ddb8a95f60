using Microsoft.Extensions.Logging;

namespace Everest.Site.Actors.Internal;

/// <summary>Creation, failure and supervision, restart and stop of the actor instance.</summary>
internal sealed partial class ActorCell
{
    private LifecycleState _state = LifecycleState.Creating;

    /// <summary>The message that failed, offered to <c>PreRestart</c> and then dropped.</summary>
    private object? _failedMessage;

    /// <summary>The cause of a restart that waits for children to stop.</summary>
    private Exception? _pendingRestartCause;

    /// <summary>Restart counts for the parent's strategy, created on the first failure. Touched only by the parent's mailbox run.</summary>
    private RestartStatistics? _restartStatistics;

    internal RestartStatistics RestartStatistics => _restartStatistics ??= new RestartStatistics();

    private void ProcessSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case CreateActor:
                Create();
                break;
            case Recreate recreate:
                Restart(recreate.Cause);
                break;
            case ResumeActor:
                Resume();
                break;
            case TerminateActor:
                BeginTerminate();
                break;
            case WatchActor watch:
                AddWatcher(watch);
                break;
            case UnwatchActor unwatch:
                RemoveWatcher(unwatch);
                break;
            case DeathWatchNotification notification:
                OnDeathWatchNotification(notification.Actor);
                break;
            case ChildFailed failed:
                SuperviseFailedChild(failed.Child, failed.Cause);
                break;
            default:
                throw new InvalidOperationException($"Unknown system message {message.GetType().Name}.");
        }
    }

    private void Create()
    {
        if (_state != LifecycleState.Creating)
        {
            return;
        }

        try
        {
            _actor = NewActorInstance();
            _actor.AroundPreStart();
            _state = LifecycleState.Running;
        }
        catch (Exception exception)
        {
            HandleFailure(new ActorInitializationException(_path, exception), null);
        }
    }

    /// <summary>The instance threw: suspend and let the parent decide. The failing message is dropped.</summary>
    private void HandleFailure(Exception exception, object? message)
    {
        if (_state is LifecycleState.Terminating or LifecycleState.Terminated)
        {
            _system.KernelLog.LogError(exception, "Actor {ActorPath} failed while stopping", _path);
            return;
        }

        _state = LifecycleState.Suspended;
        _failedMessage = message;
        if (_parent is null)
        {
            _system.KernelLog.LogError(exception, "The guardian {ActorPath} failed; it resumes", _path);
            _state = LifecycleState.Running;
            return;
        }

        _parent.SendSystemMessage(new ChildFailed(this, exception));
    }

    private void SuperviseFailedChild(ActorCell child, Exception cause)
    {
        if (!IsCurrentChild(child) || child._stopRequestedByParent)
        {
            return;
        }

        var strategy = _props.SupervisorStrategy ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decider(cause);
        }
        catch (Exception deciderFailure)
        {
            _system.KernelLog.LogError(deciderFailure, "The supervisor strategy of {ActorPath} threw; escalating", _path);
            directive = Directive.Escalate;
        }

        if (directive == Directive.Restart && !strategy.RequestRestartPermission(child.RestartStatistics, _system.TimeProvider.GetUtcNow()))
        {
            _system.KernelLog.LogError(cause, "Actor {ActorPath} failed more than {MaxRetries} times within {Window}; stopping it", child._path, strategy.MaxNrOfRetries, strategy.WithinTimeRange);
            directive = Directive.Stop;
        }
        else if (directive != Directive.Escalate)
        {
            _system.KernelLog.LogError(cause, "Actor {ActorPath} failed; {Directive}", child._path, directive);
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new ResumeActor());
                break;
            case Directive.Restart:
                child.SendSystemMessage(new Recreate(cause));
                break;
            case Directive.Stop:
                child.StoppedByFailure = true;
                StopChild(child);
                break;
            default:
                HandleFailure(cause, null);
                break;
        }
    }

    private void Resume()
    {
        if (_state != LifecycleState.Suspended)
        {
            return;
        }

        if (_actor is null)
        {
            // The failure happened while creating the instance: there is nothing to resume, so make one.
            Restart(new InvalidOperationException("Resumed an actor that failed to start."));
            return;
        }

        _failedMessage = null;
        _state = LifecycleState.Running;
        foreach (var child in ChildrenSnapshot())
        {
            // Children left suspended by an escalated failure go on as well; a running child ignores this.
            child.SendSystemMessage(new ResumeActor());
        }
    }

    private void Restart(Exception cause)
    {
        if (_state is LifecycleState.Terminating or LifecycleState.Terminated)
        {
            return;
        }

        var failedMessage = _failedMessage;
        _failedMessage = null;
        _timers?.CancelAll();
        _stash?.UnstashAll();
        if (_actor is { } old)
        {
            try
            {
                old.AroundPreRestart(cause, failedMessage);
            }
            catch (Exception exception)
            {
                _system.KernelLog.LogError(exception, "PreRestart of {ActorPath} threw; restarting anyway", _path);
            }
        }

        _actor = null;
        _behaviors = null;
        if (_childrenStopping > 0)
        {
            _state = LifecycleState.AwaitingChildrenForRestart;
            _pendingRestartCause = cause;
            return;
        }

        FinishRestart(cause);
    }

    private void FinishRestart(Exception cause)
    {
        _pendingRestartCause = null;
        _state = LifecycleState.Creating;
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPostRestart(cause);
            _state = LifecycleState.Running;
        }
        catch (Exception exception)
        {
            HandleFailure(new ActorInitializationException(_path, exception), null);
        }
    }

    private void BeginTerminate()
    {
        if (_state is LifecycleState.Terminating or LifecycleState.Terminated)
        {
            return;
        }

        _state = LifecycleState.Terminating;
        _timers?.CancelAll();
        if (!CloseChildrenAndStopThem())
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.AroundPostStop();
        }
        catch (Exception exception)
        {
            _system.KernelLog.LogError(exception, "PostStop of {ActorPath} threw", _path);
        }

        _state = LifecycleState.Terminated;
        _actor = null;
        _behaviors = null;
        var (userMessages, systemMessages) = CloseMailbox();
        foreach (var envelope in userMessages)
        {
            ToDeadLetters(envelope.Message, envelope.Sender);
        }

        _stash?.DrainToDeadLetters();
        while (systemMessages is not null)
        {
            var next = systemMessages.Next;
            systemMessages.Next = null;
            HandleSystemMessageWhenClosed(systemMessages);
            systemMessages = next;
        }

        NotifyWatchersAndParent();
        _system.EventStream.RemoveTerminatedSubscriber(this);
        _timers = null;
        _stash = null;
        if (_parent is null)
        {
            _system.OnGuardianTerminated();
        }
    }

    /// <summary>After the mailbox closed, the only system message that still needs an answer is a watch.</summary>
    private void HandleSystemMessageWhenClosed(SystemMessage message)
    {
        if (message is WatchActor watch && !ReferenceEquals(watch.Watcher, this))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }
}
