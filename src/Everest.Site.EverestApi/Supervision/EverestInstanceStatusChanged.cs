namespace Everest.Site.EverestApi;

/// <summary>An API instance went online or offline.</summary>
/// <param name="Api">The API.</param>
/// <param name="ModuleId">The API module instance.</param>
/// <param name="Status">The new status.</param>
/// <param name="At">When the change was noticed (from the watcher's <see cref="TimeProvider"/>).</param>
/// <param name="LastHeartbeat">The last heartbeat counter received, if any.</param>
public sealed record EverestInstanceStatusChanged(EverestApiType Api, string ModuleId, EverestInstanceStatus Status, DateTimeOffset At, ulong? LastHeartbeat);
