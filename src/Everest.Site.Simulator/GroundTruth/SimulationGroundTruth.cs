using System.Text.Json;
using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.GroundTruth;

/// <summary>
/// Everything that really happened in a simulation, so tests can compare a controller's records against it:
/// sessions with exact energy, every command received and its reply, every limit exceedance, communication
/// faults, requests sent to the controller and its answers, and how many messages of each type flowed.
/// Thread-safe: written by the simulator, read by tests at any time (reads return snapshots).
/// </summary>
public sealed class SimulationGroundTruth
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionTruth> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _sessionOrder = [];
    private readonly List<CommandRecord> _commands = [];
    private readonly List<LimitExceedance> _exceedances = [];
    private readonly List<CommunicationFault> _faults = [];
    private readonly List<ReversedRequestRecord> _reversedRequests = [];
    private readonly List<SimulatedReboot> _reboots = [];
    private readonly Dictionary<string, long> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _received = new(StringComparer.Ordinal);
    private long _arrivalsTurnedAway;

    public IReadOnlyList<SessionTruth> Sessions
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessionOrder.Select(uuid => _sessions[uuid])];
            }
        }
    }

    public IReadOnlyList<CommandRecord> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    public IReadOnlyList<LimitExceedance> LimitExceedances
    {
        get
        {
            lock (_gate)
            {
                return [.. _exceedances];
            }
        }
    }

    public IReadOnlyList<CommunicationFault> CommunicationFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Every reboot after a firmware installation, in the order the chargers came back.</summary>
    public IReadOnlyList<SimulatedReboot> Reboots
    {
        get
        {
            lock (_gate)
            {
                return [.. _reboots];
            }
        }
    }

    public IReadOnlyList<ReversedRequestRecord> ReversedRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _reversedRequests];
            }
        }
    }

    /// <summary>Messages the simulator published, by <c>{api}/e2m/{op}</c> (replies as <c>{api}/reply/{op}</c>).</summary>
    public IReadOnlyDictionary<string, long> PublishedByOperation
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_published, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Messages the simulator received, by <c>{api}/m2e/{op}</c>.</summary>
    public IReadOnlyDictionary<string, long> ReceivedByOperation
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_received, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Cars that found no free EVSE and drove off.</summary>
    public long ArrivalsTurnedAway => Interlocked.Read(ref _arrivalsTurnedAway);

    /// <summary>Total energy of all finished transactions, in Wh (exact).</summary>
    public double TotalEnergyWh => Sessions.Sum(s => s.EnergyWh ?? 0);

    /// <summary>The ground truth as indented JSON (what <c>everest-site simulate --truth FILE</c> writes).</summary>
    public string ToJson()
    {
        GroundTruthDocument document;
        lock (_gate)
        {
            document = new GroundTruthDocument(
                [.. _sessionOrder.Select(uuid => _sessions[uuid])],
                [.. _commands],
                [.. _exceedances],
                [.. _faults],
                [.. _reversedRequests],
                new Dictionary<string, long>(_published, StringComparer.Ordinal),
                new Dictionary<string, long>(_received, StringComparer.Ordinal),
                _arrivalsTurnedAway);
        }

        return JsonSerializer.Serialize(document, GroundTruthJsonContext.Default.GroundTruthDocument);
    }

    internal void Update(string sessionUuid, Func<SessionTruth?, SessionTruth> update)
    {
        lock (_gate)
        {
            _sessions.TryGetValue(sessionUuid, out var existing);
            var updated = update(existing);
            if (existing is null)
            {
                _sessionOrder.Add(sessionUuid);
            }

            _sessions[sessionUuid] = updated;
        }
    }

    internal SessionTruth? Session(string sessionUuid)
    {
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(sessionUuid);
        }
    }

    internal void Add(CommandRecord command)
    {
        lock (_gate)
        {
            _commands.Add(command);
        }
    }

    internal void Add(LimitExceedance exceedance)
    {
        lock (_gate)
        {
            _exceedances.Add(exceedance);
        }
    }

    internal void Raise(CommunicationFault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    internal void Clear(string api, string moduleId, DateTimeOffset at)
    {
        lock (_gate)
        {
            var index = _faults.FindLastIndex(f => f.Api == api && f.ModuleId == moduleId && f.ClearedAt is null);
            if (index >= 0)
            {
                _faults[index] = _faults[index] with { ClearedAt = at };
            }
        }
    }

    internal void RecordReboot(SimulatedReboot reboot)
    {
        lock (_gate)
        {
            _reboots.Add(reboot);
        }
    }

    internal void Add(ReversedRequestRecord request)
    {
        lock (_gate)
        {
            _reversedRequests.Add(request);
        }
    }

    internal void Replace(ReversedRequestRecord sent, ReversedRequestRecord answered)
    {
        lock (_gate)
        {
            var index = _reversedRequests.IndexOf(sent);
            if (index >= 0)
            {
                _reversedRequests[index] = answered;
            }
        }
    }

    internal void CountPublished(string key)
    {
        lock (_gate)
        {
            _published[key] = _published.GetValueOrDefault(key) + 1;
        }
    }

    internal void CountReceived(string key)
    {
        lock (_gate)
        {
            _received[key] = _received.GetValueOrDefault(key) + 1;
        }
    }

    internal void TurnedAway() => Interlocked.Increment(ref _arrivalsTurnedAway);
}
