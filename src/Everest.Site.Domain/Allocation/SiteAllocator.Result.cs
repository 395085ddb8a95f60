namespace Everest.Site.Domain.Allocation;

/// <summary>Decisions, reasons, limit loads and the memory for the next run.</summary>
public sealed partial class SiteAllocator
{
    private AllocationResult BuildResult(IReadOnlyList<EvseDemand> evses, DateTimeOffset now)
    {
        var n = _evseCount;
        var decisions = new EvseAllocation[n];
        var memories = new EvseMemory[n];
        for (var i = 0; i < n; i++)
        {
            var id = evses[i].Id;
            var memory = _memory[i];
            switch (_role[i])
            {
                case Role.None:
                    // A car that stops taking current opens the contactor as a pause does: its minimum pause runs from now.
                    decisions[i] = new EvseAllocation(id, false, 0, _phases[i], 0, AllocationReason.Idle, null);
                    memories[i] = new EvseMemory(id, false, 0, memory.Admitted ? now : memory.Since, null);
                    break;
                case Role.Fixed:
                    var keeps = _fixedReason[i] == AllocationReason.MeterDisagrees && memory.Admitted;
                    decisions[i] = new EvseAllocation(id, keeps, keeps ? memory.CurrentA : 0, _phases[i], _fixed[i], _fixedReason[i], null);
                    memories[i] = _fixedReason[i] == AllocationReason.MeterDisagrees
                        ? memory
                        : new EvseMemory(id, false, 0, memory.Admitted ? now : memory.Since, null);
                    break;
                default:
                    decisions[i] = Decide(i, id);
                    memories[i] = _admitted[i]
                        ? new EvseMemory(id, true, _rate[i], memory.Admitted ? memory.Since : now, null)
                        : new EvseMemory(id, false, 0, memory.Admitted ? now : memory.Since, memory.Admitted ? now : memory.WaitingSince ?? now);
                    break;
            }
        }

        var limits = new LimitLoad[_limitCount];
        for (var k = 0; k < _limitCount; k++)
        {
            var load = _limitKind[k] == LimitKind.Phasor
                ? Math.Sqrt((_loadRe[k] * _loadRe[k]) + (_loadIm[k] * _loadIm[k]))
                : _loadRe[k];
            limits[k] = new LimitLoad(_limitName[k], _limitKind[k], _limit[k], load);
        }

        return new AllocationResult(decisions, limits, AllocationState.Own(memories));
    }

    private EvseAllocation Decide(int i, string id)
    {
        if (!_admitted[i])
        {
            var reason = _excluded[i] ? AllocationReason.MinimumPause
                : _memory[i].Admitted && _class[i] == TurnOver ? AllocationReason.TurnOver
                : AllocationReason.NoCapacity;
            var limitedBy = reason == AllocationReason.NoCapacity && _limitedBy[i] >= 0 ? _limitName[_limitedBy[i]] : null;
            return new EvseAllocation(id, false, 0, _phases[i], 0, reason, limitedBy);
        }

        var rate = _rate[i];
        if (rate >= _cap[i] - (Tolerance * Math.Max(1, _cap[i])))
        {
            return new EvseAllocation(id, true, rate, _phases[i], rate, _capReason[i], null);
        }

        var binding = _limitedBy[i] >= 0 ? _limitName[_limitedBy[i]] : null;
        return new EvseAllocation(id, true, rate, _phases[i], rate, AllocationReason.SharedLimit, binding);
    }
}
