namespace Everest.Site.EverestApi;

/// <summary>Whether an EVerest API instance is alive, judged by its heartbeat.</summary>
public enum EverestInstanceStatus
{
    /// <summary>Watched, no heartbeat yet and the timeout has not passed.</summary>
    Unknown,

    /// <summary>Heartbeats arrive.</summary>
    Online,

    /// <summary>No heartbeat for <see cref="EverestApiOptions.HeartbeatTimeout"/>: that EVerest (or the way to it) is gone.</summary>
    Offline,
}
