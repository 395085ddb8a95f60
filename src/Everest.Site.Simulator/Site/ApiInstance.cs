using Everest.Site.EverestApi;

namespace Everest.Site.Simulator.Site;

/// <summary>One EVerest API module instance the simulator plays: its heartbeat and its communication check.</summary>
internal sealed class ApiInstance(EverestApiType api, string moduleId, TimeSpan communicationCheckTimeout, DateTimeOffset start)
{
    public EverestApiType Api { get; } = api;

    public string ModuleId { get; } = moduleId;

    public CommunicationCheckSupervisor Supervisor { get; } = new(communicationCheckTimeout);

    /// <summary>True while a CommunicationFault raised with a warning is open, so that its clearing is told at the same level.</summary>
    public bool FaultWarned { get; set; }

    /// <summary>The next heartbeat's counter value (EVerest counts up from 0 and wraps at 2^64).</summary>
    public ulong NextHeartbeat { get; set; }

    public DateTimeOffset NextHeartbeatAt { get; set; } = start;

    public string Topic(string operation) => EverestTopic.FromEverest(Api, ModuleId, operation).ToString();
}
