using Everest.Site.Actors;
using Everest.Site.Domain.Evse.History;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Evse;

/// <summary>
/// Online/offline from the evse_manager_consumer heartbeat. The actor keeps its own silence timer rather than a
/// shared watcher, so that the timer runs on the actor system's clock and the decision is made in the actor's
/// own turn, in order with the EVSE's other messages.
/// </summary>
public sealed partial class EvseActor
{
    private static readonly object HeartbeatTimerKey = new();

    private void OnHeartbeat(ulong counter)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        var wasOnline = _live.Online;
        if (_live.LastHeartbeat is { } previous && counter < previous)
        {
            LogHeartbeatWentBackwards(Log, _settings.EvseId, previous, counter);
        }

        _live = _live with { Online = true, LastHeartbeatAt = now, LastHeartbeat = counter };
        StartHeartbeatSilenceTimer();
        if (wasOnline)
        {
            return;
        }

        LogCameOnline(Log, _settings.EvseId, _settings.ModuleId);
        _evseManager.GetEvseAsync().PipeTo(Self, success: evse => new EvseInfoReceived(evse), failure: cause => new EvseInfoFailed(cause));
        if (_history.Online != true)
        {
            Record(new CameOnline(now));
        }
    }

    private void OnHeartbeatSilence()
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        if (_live.Online)
        {
            LogWentOffline(Log, _settings.EvseId, _settings.ModuleId, _settings.HeartbeatTimeout);
        }

        _live = _live with { Online = false };
        if (_history.Online != false)
        {
            Record(new WentOffline(now, _live.LastHeartbeatAt));
        }
    }

    private void StartHeartbeatSilenceTimer() =>
        Context.Timers.StartSingleTimer(HeartbeatTimerKey, HeartbeatSilence.Instance, _settings.HeartbeatTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "EVSE {EvseId} is online (heartbeat from {ModuleId})")]
    private static partial void LogCameOnline(ILogger logger, string evseId, string moduleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EVSE {EvseId} is offline: no heartbeat from {ModuleId} within {Timeout}")]
    private static partial void LogWentOffline(ILogger logger, string evseId, string moduleId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "EVSE {EvseId}: heartbeat went back from {Previous} to {Counter}; EVerest restarted")]
    private static partial void LogHeartbeatWentBackwards(ILogger logger, string evseId, ulong previous, ulong counter);
}
