namespace Everest.Site.Domain.Allocation;

/// <summary>
/// Max-min fair sharing by progressive filling: a water level rises; every admitted EVSE of the group whose
/// current is below the level and below its cap rises with it; an EVSE stops at its cap, or when a limit it
/// loads becomes tight (for a phasor limit: when raising it would push the sum further out). The events
/// (an EVSE joins, reaches its cap, a limit becomes tight) are visited in order, so the cost is one pass over
/// the limits per event, not per ampere.
/// </summary>
public sealed partial class SiteAllocator
{
    private void FillFair(int start, int end)
    {
        var m = 0;
        for (var c = start; c < end; c++)
        {
            var i = _candidates[c];
            if (_admitted[i] && _rate[i] < _cap[i] - (Tolerance * Math.Max(1, _cap[i])))
            {
                _fill[i] = FillState.Pending;
                _byActivation[m] = i;
                _activationKey[m] = _rate[i];
                _byCap[m] = i;
                _capKey[m] = _cap[i];
                m++;
            }
        }

        if (m == 0)
        {
            return;
        }

        Array.Sort(_activationKey, _byActivation, 0, m);
        Array.Sort(_capKey, _byCap, 0, m);
        var level = _activationKey[0];
        var nextJoin = 0;
        var nextCap = 0;
        var active = 0;
        var frozen = 0;

        // Every round joins or stops at least one EVSE; the guard only protects against floating-point surprises.
        var rounds = (4 * m) + (4 * _limitCount) + 16;
        while (frozen < m && rounds-- > 0)
        {
            while (nextJoin < m && _activationKey[nextJoin] <= level + (Tolerance * Math.Max(1, level)))
            {
                var i = _byActivation[nextJoin++];
                if (_fill[i] == FillState.Pending)
                {
                    Join(i);
                    active++;
                }
            }

            if (active == 0)
            {
                if (nextJoin >= m)
                {
                    break;
                }

                level = _activationKey[nextJoin];
                continue;
            }

            while (nextCap < m && _fill[_byCap[nextCap]] == FillState.Frozen)
            {
                nextCap++;
            }

            var step = double.PositiveInfinity;
            if (nextJoin < m)
            {
                step = _activationKey[nextJoin] - level;
            }

            if (nextCap < m)
            {
                step = Math.Min(step, _capKey[nextCap] - level);
            }

            for (var k = 0; k < _limitCount; k++)
            {
                if (_liveMembers[k] > 0)
                {
                    var room = StepToLimit(k, _slopeRe[k], _slopeIm[k]);
                    if (room < step)
                    {
                        step = room;
                    }
                }
            }

            if (double.IsPositiveInfinity(step))
            {
                // Nothing bounds the active EVSEs (only possible when caps are infinite): stop where they are.
                break;
            }

            step = Math.Max(0, step);
            level += step;
            for (var k = 0; k < _limitCount; k++)
            {
                if (_liveMembers[k] > 0)
                {
                    _loadRe[k] += step * _slopeRe[k];
                    _loadIm[k] += step * _slopeIm[k];
                }
            }

            while (nextCap < m)
            {
                var i = _byCap[nextCap];
                if (_fill[i] == FillState.Frozen)
                {
                    nextCap++;
                    continue;
                }

                if (_capKey[nextCap] > level + (Tolerance * Math.Max(1, level)))
                {
                    break;
                }

                if (_fill[i] == FillState.Active)
                {
                    active--;
                }

                Freeze(i, level, binding: -1);
                frozen++;
                nextCap++;
            }

            for (var k = 0; k < _limitCount; k++)
            {
                if (_liveMembers[k] > 0 && IsTight(k))
                {
                    for (var at = _memberStart[k]; at < _memberStart[k + 1]; at++)
                    {
                        var i = _memberEvse[at];
                        if (_fill[i] is FillState.Pending or FillState.Active && PushesOut(k, _memberRe[at], _memberIm[at]))
                        {
                            if (_fill[i] == FillState.Active)
                            {
                                active--;
                            }

                            Freeze(i, level, binding: k);
                            frozen++;
                        }
                    }
                }
            }
        }

        // Whatever is still rising stops at the final level (normally nothing is).
        for (var g = 0; g < m; g++)
        {
            var i = _byActivation[g];
            if (_fill[i] is FillState.Pending or FillState.Active)
            {
                Freeze(i, level, binding: -1);
            }

            _fill[i] = FillState.Outside;
        }
    }

    private void Join(int evse)
    {
        _fill[evse] = FillState.Active;
        for (var t = _termStart[evse]; t < _termStart[evse + 1]; t++)
        {
            var k = _termLimit[t];
            _slopeRe[k] += _termRe[t];
            _slopeIm[k] += _termIm[t];
            _liveMembers[k]++;
        }
    }

    /// <summary>Stops an EVSE; an active one keeps the level it reached, a pending one the current it had.</summary>
    private void Freeze(int evse, double level, int binding)
    {
        if (_fill[evse] == FillState.Active)
        {
            // The loads already carry the level; the cap only trims floating-point overshoot.
            var reached = Math.Min(level, _cap[evse]);
            var overshoot = level - reached;
            for (var t = _termStart[evse]; t < _termStart[evse + 1]; t++)
            {
                var k = _termLimit[t];
                _slopeRe[k] -= _termRe[t];
                _slopeIm[k] -= _termIm[t];
                _loadRe[k] -= overshoot * _termRe[t];
                _loadIm[k] -= overshoot * _termIm[t];
                if (--_liveMembers[k] == 0)
                {
                    _slopeRe[k] = 0;
                    _slopeIm[k] = 0;
                }
            }

            _rate[evse] = reached;
        }

        if (binding >= 0)
        {
            _limitedBy[evse] = binding;
        }

        _fill[evse] = FillState.Frozen;
    }

    /// <summary>Whether limit <paramref name="k"/> has no room left in the direction its active members push it.</summary>
    private bool IsTight(int k)
    {
        var limit = _limit[k];
        var slack = Tolerance * Math.Max(1, limit);
        if (_limitKind[k] != LimitKind.Phasor)
        {
            return _loadRe[k] >= limit - slack;
        }

        var magnitude = Math.Sqrt((_loadRe[k] * _loadRe[k]) + (_loadIm[k] * _loadIm[k]));
        return magnitude >= limit - slack && StepToLimit(k, _slopeRe[k], _slopeIm[k]) <= slack;
    }

    /// <summary>Whether raising a member with coefficient (re, im) pushes limit <paramref name="k"/>'s load further out.</summary>
    private bool PushesOut(int k, double re, double im)
    {
        if (_limitKind[k] != LimitKind.Phasor)
        {
            return re > 0;
        }

        var projection = (re * _loadRe[k]) + (im * _loadIm[k]);
        return projection >= -Tolerance * Math.Sqrt((re * re) + (im * im)) * Math.Max(1, _limit[k]);
    }
}
