namespace Everest.Site.Domain.Allocation;

/// <summary>What each EVSE is to this run: its bounds, how it is counted, and where it stands in line.</summary>
public sealed partial class SiteAllocator
{
    /// <summary>Admission classes within a priority, in the order they are served.</summary>
    private const int InTurn = 0;
    private const int UrgentGoal = 1;
    private const int Waiting = 2;
    private const int TurnOver = 3;

    private void Classify(SiteModel site, EvseDemand d, int i, AllocationState previous, DateTimeOffset now)
    {
        var hasMemory = previous.TryGet(d.Id, i, out var memory);
        _hasMemory[i] = hasMemory;
        _memory[i] = hasMemory ? memory : new EvseMemory(d.Id, false, 0, null, null);
        var wasAdmitted = hasMemory && memory.Admitted;
        var previousA = wasAdmitted ? Sane(memory.CurrentA) : 0;
        var phases = site.GridPhases == 1 ? 1 : Math.Clamp(d.Phases, 1, 3);
        var max = Sane(d.EffectiveMaxA);
        var min = Math.Min(Sane(d.EffectiveMinA), max);
        var measured = MeasuredMax(d);
        _phases[i] = phases;
        _priority[i] = d.Priority;
        _min[i] = min;
        _cap[i] = max;
        _capReason[i] = AllocationReason.AtMaximum;
        _rate[i] = 0;
        _fixed[i] = 0;
        _admitted[i] = false;
        _protected[i] = false;
        _excluded[i] = false;
        _limitedBy[i] = -1;
        _hasGoal[i] = false;
        _fill[i] = FillState.Outside;

        switch (d.State)
        {
            case EvseDemandState.Offline:
                // Unknown draw: what it was last given or seen drawing, or its maximum when nothing is known.
                _role[i] = Role.Fixed;
                _fixedReason[i] = AllocationReason.Offline;
                _fixed[i] = d.LastDrawA is null && !wasAdmitted && measured is null
                    ? max
                    : Math.Max(previousA, Math.Max(Sane(d.LastDrawA ?? 0), measured ?? 0));
                return;
            case EvseDemandState.Idle:
                if (d.ReservedHeadroomA is { } held && Sane(held) > 0)
                {
                    _role[i] = Role.Fixed;
                    _fixedReason[i] = AllocationReason.Reserved;
                    _fixed[i] = Sane(held);
                }
                else
                {
                    _role[i] = Role.None;
                }

                return;
        }

        if (measured is { } m && m > previousA + _policy.MeterToleranceA)
        {
            // Not following its allocation (a command not yet applied, a refused pause, a wrong meter): worst case.
            _role[i] = Role.Fixed;
            _fixedReason[i] = AllocationReason.MeterDisagrees;
            _fixed[i] = Math.Max(previousA, Math.Max(m, Sane(d.LastDrawA ?? 0)));
            return;
        }

        if (Sane(d.MaxCurrentA) < Sane(d.EffectiveMinA) - Tolerance)
        {
            // A cap below the minimum (a CSMS schedule for this EVSE) leaves no current it can charge at: pause it
            // rather than hand it a current below its minimum. A car whose own maximum is below the EVSE's minimum
            // is not this case: it is given the minimum and simply draws less.
            _role[i] = Role.Fixed;
            _fixedReason[i] = AllocationReason.CappedBelowMinimum;
            return;
        }

        _role[i] = Role.Candidate;
        _candidates[_candidateCount++] = i;
        var wattsPerA = site.VoltageV * phases;
        if (d.Goal is { } goal)
        {
            var hoursLeft = (goal.DepartureAt - now).TotalHours;
            var needWh = Math.Max(0, Sane(goal.EnergyNeededWh));
            var forPeriod = needWh / (wattsPerA * _policy.Period.TotalHours);
            if (forPeriod < _cap[i])
            {
                _cap[i] = forPeriod;
                _capReason[i] = AllocationReason.GoalReached;
            }

            _hasGoal[i] = true;
            _required[i] = hoursLeft > 0 ? needWh / (wattsPerA * hoursLeft) : double.PositiveInfinity;
            _laxityH[i] = max > 0 ? hoursLeft - (needWh / (wattsPerA * max)) : hoursLeft;
        }

        if (wasAdmitted && d.State == EvseDemandState.Charging && measured is { } draw
            && memory.Since is { } admittedAt && now - admittedAt >= _policy.RampUpTime
            && draw < previousA - _policy.RampHeadroomA)
        {
            var lent = draw + _policy.RampHeadroomA;
            if (lent < _cap[i])
            {
                _cap[i] = lent;
                _capReason[i] = AllocationReason.FollowingDraw;
            }
        }

        _cap[i] = Math.Max(_cap[i], min);
        var since = memory.Since;
        _excluded[i] = !wasAdmitted && since is { } pausedAt && now - pausedAt < _policy.MinPause;
        _protected[i] = wasAdmitted && since is { } startedAt && now - startedAt < _policy.MinCharge;
        if (wasAdmitted)
        {
            var turnOver = since is { } turnStart && now - turnStart >= _policy.Rotation;
            _class[i] = turnOver ? TurnOver : InTurn;

            // In turn: the earliest started keeps its place; turn over: the latest started yields last.
            _sortTicks[i] = turnOver ? -(since!.Value.UtcTicks) : (since?.UtcTicks ?? now.UtcTicks);
        }
        else if (_hasGoal[i] && _laxityH[i] <= _policy.Rotation.TotalHours)
        {
            // A car that would miss its departure if it waited a whole turn goes ahead of the others.
            _class[i] = UrgentGoal;
            _sortTicks[i] = (long)(Math.Max(-1e6, _laxityH[i]) * TimeSpan.TicksPerHour);
        }
        else
        {
            _class[i] = Waiting;
            _sortTicks[i] = (memory.WaitingSince ?? now).UtcTicks;
        }
    }

    /// <summary>The highest phase current on the EVSE's meter, or null when there is no usable reading.</summary>
    private static double? MeasuredMax(EvseDemand d)
    {
        if (d.Measured is not { } m)
        {
            return null;
        }

        var max = Math.Max(Sane(m.L1), Math.Max(Sane(m.L2), Sane(m.L3)));
        return double.IsFinite(m.L1) || double.IsFinite(m.L2) || double.IsFinite(m.L3) ? max : null;
    }

    /// <summary>Bad numbers (NaN, infinities, negatives) from a device never reach the arithmetic.</summary>
    private static double Sane(double value) => double.IsFinite(value) && value > 0 ? value : 0;
}
