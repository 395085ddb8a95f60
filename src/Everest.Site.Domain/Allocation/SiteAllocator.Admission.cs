namespace Everest.Site.Domain.Allocation;

/// <summary>Who gets their minimum, then how the rest is shared, one priority level at a time.</summary>
public sealed partial class SiteAllocator
{
    private void AdmitAndFill()
    {
        var count = _candidateCount;
        Array.Sort(_candidates, 0, count, _order);

        // Minimum charge times first, whatever their priority: a contactor closed moments ago stays closed
        // unless the limits themselves no longer leave room for it.
        for (var c = 0; c < count; c++)
        {
            var i = _candidates[c];
            if (_protected[i])
            {
                TryAdmit(i, _min[i]);
            }
        }

        var start = 0;
        while (start < count)
        {
            var end = start + 1;
            while (end < count && _priority[_candidates[end]] == _priority[_candidates[start]])
            {
                end++;
            }

            for (var c = start; c < end; c++)
            {
                var i = _candidates[c];
                if (!_admitted[i] && !_excluded[i])
                {
                    var needed = _memory[i].Admitted ? _min[i] : _min[i] + _policy.ResumeHysteresisA;
                    TryAdmit(i, needed);
                }
            }

            FillGoals(start, end);
            FillFair(start, end);
            ExchangeForThroughput(start, end);
            start = end;
        }

        RaiseWhereBalanceOpenedRoom(count);
    }

    /// <summary>
    /// Under a phasor limit a lower level's current can rotate a sum back inside and so open room for a higher
    /// level filled before it; the higher levels take that room, in their order. Per-phase limits only fill up.
    /// </summary>
    private void RaiseWhereBalanceOpenedRoom(int count)
    {
        if (_phasorBase == _limitCount)
        {
            return;
        }

        for (var sweep = 0; sweep < 8; sweep++)
        {
            var raised = false;
            for (var c = 0; c < count; c++)
            {
                var i = _candidates[c];
                if (_admitted[i] && _rate[i] < _cap[i] - Tolerance)
                {
                    var before = _rate[i];
                    RaiseOne(i, _cap[i]);
                    raised |= _rate[i] > before + Tolerance;
                }
            }

            if (!raised)
            {
                return;
            }
        }
    }

    /// <summary>Admits <paramref name="evse"/> at its minimum if <paramref name="needed"/> fits under every limit it loads.</summary>
    private void TryAdmit(int evse, double needed)
    {
        for (var t = _termStart[evse]; t < _termStart[evse + 1]; t++)
        {
            var k = _termLimit[t];
            if (!Fits(k, _loadRe[k] + (needed * _termRe[t]), _loadIm[k] + (needed * _termIm[t])))
            {
                _limitedBy[evse] = k;
                return;
            }
        }

        _admitted[evse] = true;
        _limitedBy[evse] = -1;
        _rate[evse] = _min[evse];
        AddLoad(evse, _min[evse]);
    }

    private bool Fits(int k, double re, double im)
    {
        var limit = _limit[k];
        var slack = Tolerance * Math.Max(1, limit);
        return _limitKind[k] == LimitKind.Phasor
            ? (re * re) + (im * im) <= (limit + slack) * (limit + slack)
            : re <= limit + slack;
    }

    /// <summary>
    /// Cars with a goal, least laxity first, get the steady rate that meets it; a car that can no longer make it
    /// (negative laxity) is left to the fair share, so that it does not sink others that still can. With
    /// <see cref="GoalFill.LeastLaxityFirst"/> every goal car, least laxity first, gets as much as it can take.
    /// </summary>
    private void FillGoals(int start, int end)
    {
        var m = 0;
        for (var c = start; c < end; c++)
        {
            var i = _candidates[c];
            if (_admitted[i] && _hasGoal[i])
            {
                _group[m] = i;
                _activationKey[m] = _laxityH[i];
                m++;
            }
        }

        if (m == 0)
        {
            return;
        }

        Array.Sort(_activationKey, _group, 0, m);
        var greedy = _policy.GoalFill == GoalFill.LeastLaxityFirst;
        for (var g = 0; g < m; g++)
        {
            var i = _group[g];
            if (greedy)
            {
                RaiseOne(i, _cap[i]);
            }
            else if (_laxityH[i] >= 0)
            {
                RaiseOne(i, Math.Min(_cap[i], Math.Max(_rate[i], _required[i])));
            }
        }
    }

    /// <summary>Raises one EVSE towards <paramref name="target"/> as far as every limit it loads allows.</summary>
    private void RaiseOne(int evse, double target)
    {
        var wanted = target - _rate[evse];
        if (wanted <= 0)
        {
            return;
        }

        var step = wanted;
        var binding = -1;
        for (var t = _termStart[evse]; t < _termStart[evse + 1]; t++)
        {
            var k = _termLimit[t];
            var room = StepToLimit(k, _termRe[t], _termIm[t]);
            if (room < step)
            {
                step = room;
                binding = k;
            }
        }

        if (step <= 0)
        {
            _limitedBy[evse] = binding;
            return;
        }

        if (binding >= 0)
        {
            _limitedBy[evse] = binding;
        }

        _rate[evse] += step;
        AddLoad(evse, step);
    }

    /// <summary>How far the load of limit <paramref name="k"/> can move along (re, im) per unit before it reaches the limit.</summary>
    private double StepToLimit(int k, double re, double im)
    {
        var limit = _limit[k];
        if (_limitKind[k] != LimitKind.Phasor)
        {
            return re > 0 ? Math.Max(0, (limit - _loadRe[k]) / re) : double.PositiveInfinity;
        }

        // |c + t·d| = L: the larger root of |d|²t² + 2(c·d)t + |c|² − L² = 0 is where the segment leaves the disc.
        var a = (re * re) + (im * im);
        if (a == 0)
        {
            return double.PositiveInfinity;
        }

        var cRe = _loadRe[k];
        var cIm = _loadIm[k];
        var b = (cRe * re) + (cIm * im);
        var cc = (cRe * cRe) + (cIm * cIm) - (limit * limit);
        var discriminant = (b * b) - (a * cc);
        if (discriminant < 0)
        {
            return 0;
        }

        return Math.Max(0, (-b + Math.Sqrt(discriminant)) / a);
    }
}
