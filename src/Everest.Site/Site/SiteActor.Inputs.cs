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

    private WarningThrottle? _warnings;

    private WarningThrottle Warnings => _warnings ??= new WarningThrottle(_time);

    private void OnCsmsSchedules(CsmsSchedulesReceived received)
    {
        if (!_settings.UseCsmsSchedules || !_order.Any(e => e.Wiring.StationId == received.StationId))
        {
            return;
        }

        var schedule = CsmsStationSchedules.Read(received.StationId, received.Schedules, Now, _settings.Model.VoltageV, _settings.Model.GridPhases, out var problem);
        if (problem is not null)
        {
            // The station keeps the cap it had: a garbled update must not lift a cap, nor flood the log.
            if (Warnings.ShouldLog(CsmsScheduleWarning, out var heldBack))
            {
                _log.Warning("Station {StationId}: the CSMS's charging schedule for the whole station is ignored: {Problem} ({HeldBack} more held back)", received.StationId, problem, heldBack);
            }

            return;
        }

        var before = StationCapsAt(Now);
        if (schedule is null)
        {
            _stationSchedules.Remove(received.StationId);
        }
        else
        {
            _stationSchedules[received.StationId] = schedule;
        }

        if (!before.SequenceEqual(StationCapsAt(Now)))
        {
            Allocate(Now);
        }
    }

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
