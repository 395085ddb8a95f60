using Akka.Actor;
using Akka.Event;
using Everest.Site.Domain.Allocation;
using Everest.Site.EverestApi;
using Everest.Site.Site.Events;

namespace Everest.Site.Site;

/// <summary>
/// Inputs of the allocation beyond the EVSEs' own status: the CSMS's station caps and the priority an operator
/// sets for a session.
/// </summary>
public sealed partial class SiteActor
{
    /// <summary>The one kind of throttled warning here: a CSMS schedule that does not make sense.</summary>
    private const string CsmsScheduleWarning = "csms-schedule";

    /// <summary>Per station: the CSMS's cap over time, as last received.</summary>
    private readonly Dictionary<string, StationCapSchedule> _stationSchedules = new(StringComparer.Ordinal);

    /// <summary>Per EVSE: the CSMS's cap on it alone over time (entry <c>evse: N</c>), as last received from its station.</summary>
    private readonly Dictionary<string, StationCapSchedule> _evseSchedules = new(StringComparer.Ordinal);

    private WarningThrottle? _warnings;

    private WarningThrottle Warnings => _warnings ??= new WarningThrottle(_time);

    private void OnCsmsSchedules(CsmsSchedulesReceived received)
    {
        if (!_settings.UseCsmsSchedules || !_order.Any(e => e.Wiring.StationId == received.StationId))
        {
            return;
        }

        var now = Now;
        var stationCapsBefore = StationCapsAt(now);
        var evseCapsBefore = _order.Select(e => EvseCapAt(e.Wiring.EvseId, now)).ToList();
        var schedule = CsmsStationSchedules.Read(received.StationId, received.Schedules, now, _settings.Model.VoltageV, _settings.Model.GridPhases, out var problem);
        if (problem is not null)
        {
            // The station keeps the cap it had: a garbled update must not lift a cap, nor flood the log.
            WarnCsmsSchedule(received.StationId, "the whole station", problem);
        }
        else if (schedule is null)
        {
            _stationSchedules.Remove(received.StationId);
        }
        else
        {
            _stationSchedules[received.StationId] = schedule;
        }

        FollowEvseCaps(received, now);
        if (!stationCapsBefore.SequenceEqual(StationCapsAt(now)) || !evseCapsBefore.SequenceEqual(_order.Select(e => EvseCapAt(e.Wiring.EvseId, now))))
        {
            Allocate(now);
        }
    }

    /// <summary>
    /// The entries for the station's single EVSEs: each the station's EVSE with that number (EVerest's <c>get_evse</c>
    /// id, else its place in the charger's configuration). The message holds every entry of the station, so an EVSE
    /// without one is no longer capped; an EVSE whose entry makes no sense keeps the cap it had.
    /// </summary>
    private void FollowEvseCaps(CsmsSchedulesReceived received, DateTimeOffset now)
    {
        var stationEvses = _order.Where(e => e.Wiring.StationId == received.StationId).ToList();
        string? EvseIdOf(int number) =>
            stationEvses.FirstOrDefault(e => (e.Status?.EvseNumber ?? e.Wiring.NumberInCharger) == number)?.Wiring.EvseId;

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var caps = CsmsStationSchedules.ReadEvses(received.Schedules, EvseIdOf, now, _settings.Model.VoltageV, _settings.Model.GridPhases, problems);
        foreach (var evse in stationEvses)
        {
            var id = evse.Wiring.EvseId;
            if (caps.TryGetValue(id, out var cap))
            {
                _evseSchedules[id] = cap;
            }
            else if (!problems.ContainsKey(id))
            {
                _evseSchedules.Remove(id);
            }
        }

        foreach (var problem in problems.Values)
        {
            WarnCsmsSchedule(received.StationId, "one EVSE", problem);
        }
    }

    private void WarnCsmsSchedule(string stationId, string what, string problem)
    {
        if (Warnings.ShouldLog(CsmsScheduleWarning, out var heldBack))
        {
            _log.Warning("Station {StationId}: the CSMS's charging schedule for {What} is ignored: {Problem} ({HeldBack} more held back)", stationId, what, problem, heldBack);
        }
    }

    /// <summary>The CSMS's cap on <paramref name="evseId"/> alone in force at <paramref name="now"/> (A per phase), or null.</summary>
    private double? EvseCapAt(string evseId, DateTimeOffset now) =>
        _evseSchedules.Count > 0 && _evseSchedules.TryGetValue(evseId, out var schedule) ? schedule.CapAt(now)?.MaxCurrentA : null;

    /// <summary>The station caps in force at <paramref name="now"/>.</summary>
    private IReadOnlyList<StationCap> StationCapsAt(DateTimeOffset now)
    {
        if (_stationSchedules.Count == 0)
        {
            return [];
        }

        var caps = new List<StationCap>(_stationSchedules.Count);
        foreach (var schedule in _stationSchedules.Values)
        {
            if (schedule.CapAt(now) is { } cap)
            {
                caps.Add(cap);
            }
        }

        return caps;
    }

    private void OnSetSessionPriority(SetSessionPriority request)
    {
        if (request.EvseId is null || !_evses.TryGetValue(request.EvseId, out var evse))
        {
            Sender.Tell(new SessionPriorityRefused(request.EvseId ?? "", $"no EVSE '{request.EvseId}' is configured"));
            return;
        }

        if (evse.Status is not { } status || (!status.TransactionOpen && status.SessionStartedAt is null))
        {
            Sender.Tell(new SessionPriorityRefused(request.EvseId, "no car is at this EVSE: a session priority lasts from a car's arrival until it leaves"));
            return;
        }

        // Persisted before the answer, like a reservation: a restart while this car is there keeps its priority.
        var sender = Sender;
        Persist(new SessionPriorityChanged(request.EvseId, Now, status.SessionStartedAt, request.Priority), changed =>
        {
            Apply(changed);
            _log.Info("EVSE {EvseId}: session priority {Priority}", changed.EvseId, changed.Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "back to the configured one");
            sender.Tell(new SessionPrioritySet(changed.EvseId, changed.Priority ?? evse.Wiring.Priority));
            Allocate(Now);
        });
    }
}
