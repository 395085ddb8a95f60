using Akka.Actor;
using Everest.Site.Cli;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// Binds the actor system's lifetime to the process's exit code. Akka.Hosting already stops the host when the
/// actor system terminates; this tells an orderly stop (the host asked, exit 0) from an actor system that ended
/// on its own (exit 1, so a service manager restarts the controller).
/// </summary>
public sealed partial class SiteLifetime(ILogger<SiteLifetime> logger)
{
    private ActorSystem? system;

    /// <summary>True once the actor system has terminated without the host having asked for it.</summary>
    public bool ActorSystemEndedOnItsOwn =>
        system is { } watched
        && watched.WhenTerminated.IsCompleted
        && CoordinatedShutdown.Get(watched).ShutdownReason is not CoordinatedShutdown.ClrExitReason;

    /// <summary>The exit code the process should end with, now that the host has stopped.</summary>
    public int ExitCode => ActorSystemEndedOnItsOwn ? ExitCodes.Failure : ExitCodes.Success;

    internal void Watch(ActorSystem actorSystem)
    {
        system = actorSystem;
        actorSystem.WhenTerminated.ContinueWith(
            _ =>
            {
                if (ActorSystemEndedOnItsOwn)
                {
                    LogEndedOnItsOwn(logger, CoordinatedShutdown.Get(actorSystem).ShutdownReason?.ToString() ?? "none");
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The actor system terminated without being asked to (reason: {Reason}); the controller stops with a failure exit code")]
    private static partial void LogEndedOnItsOwn(ILogger logger, string reason);
}
