using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Evse.History;

namespace Everest.Site.Evse;

/// <summary>
/// Online/offline from the evse_manager_consumer heartbeat. The actor keeps its own silence timer rather than a
/// shared watcher, so that the timer runs on the actor system's scheduler and the decision is made in the actor's
/// own turn, in order with the EVSE's other messages.
/// </summary>
public sealed partial class EvseActor
{
    private static readonly object HeartbeatTimerKey = new();

    private void OnHeartbeat(ulong counter)
    {
        var now = _time.GetUtcNow();
        var wasOnline = _live.Online;
        if (_live.LastHeartbeat is { } previous && counter < previous)
        {
            _log.Info("EVSE {EvseId}: heartbeat went back from {Previous} to {Counter}; EVerest restarted", _settings.EvseId, previous, counter);
        }

        _live = _live with { Online = true, LastHeartbeatAt = now, LastHeartbeat = counter };
        StartHeartbeatSilenceTimer();
        if (wasOnline)
        {
            return;
        }

        _log.Info("EVSE {EvseId} is online (heartbeat from {ModuleId})", _settings.EvseId, _settings.ModuleId);
        _evseManager.GetEvseAsync().PipeTo(Self, success: evse => new EvseInfoReceived(evse), failure: cause => new EvseInfoFailed(cause));
        if (_history.Online != true)
        {
            Record(new CameOnline(now));
        }
    }

    private void OnHeartbeatSilence()
    {
        var now = _time.GetUtcNow();
        if (_live.Online)
        {
            _log.Warning("EVSE {EvseId} is offline: no heartbeat from {ModuleId} within {Timeout}", _settings.EvseId, _settings.ModuleId, _settings.HeartbeatTimeout);
        }

        _live = _live with { Online = false };
        if (_history.Online != false)
        {
            Record(new WentOffline(now, _live.LastHeartbeatAt));
        }
    }

    private void StartHeartbeatSilenceTimer() =>
        Timers.StartSingleTimer(HeartbeatTimerKey, HeartbeatSilence.Instance, _settings.HeartbeatTimeout);
}
