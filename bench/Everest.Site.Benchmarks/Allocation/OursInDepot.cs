using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// Our allocator as the site actor would drive it: EVSE states and measured draw each minute; a car that has
/// stopped taking energy by itself (EVerest's ChargingPausedEV when full) is reported idle; the car's phase
/// count is known once it has drawn; departure and energy need are given when <c>withGoals</c>.
/// </summary>
internal sealed class OursInDepot(bool withGoals) : IDepotAllocator
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(1));

    private readonly SiteAllocator _allocator = new(new AllocationPolicy { Period = TimeSpan.FromMinutes(1) });
    private readonly int?[] _knownPhases = new int?[DepotFleet.Evses];
    private readonly DepotCar?[] _lastCar = new DepotCar?[DepotFleet.Evses];
    private AllocationState _state = AllocationState.Empty;
    private AllocationResult? _last;

    public string Name => withGoals ? "ours (departure and energy known)" : "ours (no departure information)";

    public void Allocate(int minute, DepotCar?[] connected, bool[] finished, double[][] drawnA, double[] remainingWh, double[] allocation)
    {
        var demands = new EvseDemand[connected.Length];
        for (var e = 0; e < connected.Length; e++)
        {
            var car = connected[e];
            if (!ReferenceEquals(car, _lastCar[e]))
            {
                _knownPhases[e] = null;
                _lastCar[e] = car;
            }

            var state = car is null || finished[e] ? EvseDemandState.Idle
                : _last?.Evses[e] is { Charging: true } ? EvseDemandState.Charging
                : _last?.Evses[e].Reason is AllocationReason.NoCapacity or AllocationReason.TurnOver or AllocationReason.MinimumPause ? EvseDemandState.Paused
                : EvseDemandState.Waiting;
            var drawn = drawnA[e];
            if (car is not null && drawn.Max() > 0)
            {
                _knownPhases[e] = drawn.Count(a => a > 0);
            }

            demands[e] = new EvseDemand($"evse-{e + 1:00}", state)
            {
                CircuitId = DepotSite.BoardId(e),
                Rotation = DepotSite.Rotation(e),
                Phases = _knownPhases[e] ?? 3,
                MinCurrentA = DepotSite.EvseMinA,
                MaxCurrentA = DepotSite.EvseMaxA,
                Measured = car is null ? null : new PhaseCurrents(drawn[0], drawn[1], drawn[2]),
                Goal = withGoals && car is not null ? new ChargingGoal(Midnight.AddMinutes(car.LeaveMinute), remainingWh[car.Id]) : null,
            };
        }

        _last = _allocator.Allocate(DepotSite.Model, demands, _state, Midnight.AddMinutes(minute));
        _state = _last.State;
        for (var e = 0; e < connected.Length; e++)
        {
            allocation[e] = _last.Evses[e].Charging ? _last.Evses[e].CurrentA : 0;
        }
    }
}
