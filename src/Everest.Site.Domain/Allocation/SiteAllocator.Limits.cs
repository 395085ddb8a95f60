namespace Everest.Site.Domain.Allocation;

/// <summary>Turning the site and the EVSEs into limits, each EVSE's coefficients on them, and fixed loads.</summary>
public sealed partial class SiteAllocator
{
    private int _powerLimitCount;
    private int _stationBase;
    private int _phasorBase;
    private int[] _circuitDepth = [];

    private void CacheSite(SiteModel site)
    {
        if (ReferenceEquals(site, _cachedSite))
        {
            return;
        }

        var circuits = site.CircuitIds.Count;
        _circuitLimitNames = new string[circuits * 3];
        _circuitPowerNames = new string[circuits];
        _powerLimitOfCircuit = new int[circuits];
        _circuitDepth = new int[circuits];
        _powerLimitCount = 0;
        for (var c = 0; c < circuits; c++)
        {
            for (var p = 0; p < 3; p++)
            {
                _circuitLimitNames[(c * 3) + p] = $"{site.CircuitIds[c]} L{p + 1}";
            }

            _circuitPowerNames[c] = $"{site.CircuitIds[c]} power";
            _powerLimitOfCircuit[c] = site.CircuitMaxPowerW[c] is null ? -1 : _powerLimitCount++;
            var depth = 0;
            for (var at = site.ParentIndex[c]; at >= 0; at = site.ParentIndex[at])
            {
                depth++;
            }

            _circuitDepth[c] = depth;
        }

        var phasorTerms = 0;
        foreach (var constraint in site.PhasorConstraints)
        {
            phasorTerms += constraint.Terms.Count;
        }

        _phasorTermEvse = new int[phasorTerms];
        _phasorEvseIndex = site.PhasorConstraints.Count == 0 ? null : new Dictionary<string, int>(StringComparer.Ordinal);
        _cachedSite = site;
    }

    private void BuildLimits(SiteModel site, DateTimeOffset now, IReadOnlyList<StationCap> stationCaps)
    {
        CacheSite(site);
        var circuits = site.CircuitIds.Count;
        _stationBase = (circuits * 3) + _powerLimitCount;
        _phasorBase = _stationBase + (stationCaps.Count * 3);
        _limitCount = _phasorBase + site.PhasorConstraints.Count;
        EnsureLimitCapacity(_limitCount);

        var margin = site.SafetyMarginA;
        for (var c = 0; c < circuits; c++)
        {
            var perPhase = (c == 0 ? site.GridMaxCurrentAt(now) : site.CircuitMaxCurrentA[c]) - margin;
            for (var p = 0; p < 3; p++)
            {
                var k = (c * 3) + p;
                _limit[k] = Math.Max(0, perPhase);
                _limitKind[k] = LimitKind.PhaseCurrent;
                _limitName[k] = _circuitLimitNames[k];
            }

            if (_powerLimitOfCircuit[c] >= 0)
            {
                var k = (circuits * 3) + _powerLimitOfCircuit[c];
                _limit[k] = Math.Max(0, site.CircuitMaxPowerW[c]!.Value - (margin * site.VoltageV * site.GridPhases));
                _limitKind[k] = LimitKind.Power;
                _limitName[k] = _circuitPowerNames[c];
            }
        }

        for (var s = 0; s < stationCaps.Count; s++)
        {
            var cap = stationCaps[s] ?? throw new ArgumentException("a station cap is null", nameof(stationCaps));
            if (!double.IsFinite(cap.MaxCurrentA) || cap.MaxCurrentA < 0)
            {
                throw new ArgumentException($"station '{cap.StationId}' cap must be a finite number of amperes ≥ 0, not {cap.MaxCurrentA}", nameof(stationCaps));
            }

            for (var p = 0; p < 3; p++)
            {
                var k = _stationBase + (s * 3) + p;
                _limit[k] = Math.Max(0, cap.MaxCurrentA - margin);
                _limitKind[k] = LimitKind.PhaseCurrent;
                _limitName[k] = $"station {cap.StationId} L{p + 1}";
            }
        }

        for (var j = 0; j < site.PhasorConstraints.Count; j++)
        {
            var k = _phasorBase + j;
            _limit[k] = Math.Max(0, site.PhasorConstraints[j].LimitA - margin);
            _limitKind[k] = LimitKind.Phasor;
            _limitName[k] = site.PhasorConstraints[j].Name;
        }

        Array.Clear(_loadRe, 0, _limitCount);
        Array.Clear(_loadIm, 0, _limitCount);
        Array.Clear(_slopeRe, 0, _limitCount);
        Array.Clear(_slopeIm, 0, _limitCount);
        Array.Clear(_liveMembers, 0, _limitCount);
    }

    /// <summary>Each EVSE's role, bounds, ordering keys and coefficients on the limits.</summary>
    private void ClassifyEvses(SiteModel site, IReadOnlyList<EvseDemand> evses, AllocationState previous, DateTimeOffset now, IReadOnlyList<StationCap> stationCaps)
    {
        var n = evses.Count;
        var circuitOf = _group; // scratch: each EVSE's circuit index until the terms are built
        _candidateCount = 0;
        _termStart[0] = 0;
        for (var i = 0; i < n; i++)
        {
            var d = evses[i] ?? throw new ArgumentException($"EVSE #{i} is null", nameof(evses));
            if (!site.TryGetCircuitIndex(d.CircuitId, out var circuit))
            {
                throw new ArgumentException($"EVSE '{d.Id}' is wired to circuit '{d.CircuitId}', which the site does not have", nameof(evses));
            }

            circuitOf[i] = circuit;
            Classify(site, d, i, previous, now);
            var phases = _phases[i];
            var terms = 0;
            if (_role[i] != Role.None)
            {
                terms = (_circuitDepth[circuit] + 1) * phases;
                for (var at = circuit; at >= 0; at = site.ParentIndex[at])
                {
                    terms += _powerLimitOfCircuit[at] >= 0 ? 1 : 0;
                }

                terms += StationOf(d, stationCaps) >= 0 ? phases : 0;
            }

            _termStart[i + 1] = terms;
        }

        // Phasor terms are listed per limit; count them per EVSE first.
        if (_phasorEvseIndex is { } index)
        {
            index.Clear();
            for (var i = 0; i < n; i++)
            {
                if (!index.TryAdd(evses[i].Id, i))
                {
                    throw new ArgumentException($"EVSE '{evses[i].Id}' is listed twice", nameof(evses));
                }
            }

            var t = 0;
            foreach (var constraint in site.PhasorConstraints)
            {
                foreach (var term in constraint.Terms)
                {
                    var at = index.TryGetValue(term.EvseId, out var i) && _role[i] != Role.None ? i : -1;
                    _phasorTermEvse[t++] = at;
                    if (at >= 0)
                    {
                        _termStart[at + 1]++;
                    }
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            _termStart[i + 1] += _termStart[i];
        }

        _termCount = _termStart[n];
        Grow(ref _termLimit, _termCount);
        Grow(ref _termRe, _termCount);
        Grow(ref _termIm, _termCount);

        var circuits = site.CircuitIds.Count;
        var cursor = _byActivation; // scratch: where each EVSE's next term goes
        for (var i = 0; i < n; i++)
        {
            cursor[i] = _termStart[i];
            if (_role[i] == Role.None)
            {
                continue;
            }

            var d = evses[i];
            var phases = _phases[i];
            var powerCoefficient = site.VoltageV * phases;
            for (var at = circuitOf[i]; at >= 0; at = site.ParentIndex[at])
            {
                for (var e = 0; e < phases; e++)
                {
                    AddTerm(cursor, i, (at * 3) + (int)GridPhaseOf(site, d, e), 1, 0);
                }

                if (_powerLimitOfCircuit[at] >= 0)
                {
                    AddTerm(cursor, i, (circuits * 3) + _powerLimitOfCircuit[at], powerCoefficient, 0);
                }
            }

            var station = StationOf(d, stationCaps);
            if (station >= 0)
            {
                for (var e = 0; e < phases; e++)
                {
                    AddTerm(cursor, i, _stationBase + (station * 3) + (int)GridPhaseOf(site, d, e), 1, 0);
                }
            }
        }

        if (_phasorEvseIndex is not null)
        {
            var t = 0;
            for (var j = 0; j < site.PhasorConstraints.Count; j++)
            {
                foreach (var term in site.PhasorConstraints[j].Terms)
                {
                    var at = _phasorTermEvse[t++];
                    if (at >= 0)
                    {
                        var radians = term.AngleDegrees * Math.PI / 180;
                        AddTerm(cursor, at, _phasorBase + j, term.Scale * Math.Cos(radians), term.Scale * Math.Sin(radians));
                    }
                }
            }
        }

        BuildMembers(n);
    }

    private void AddTerm(int[] cursor, int evse, int limit, double re, double im)
    {
        var at = cursor[evse]++;
        _termLimit[at] = limit;
        _termRe[at] = re;
        _termIm[at] = im;
    }

    private static GridPhase GridPhaseOf(SiteModel site, EvseDemand demand, int evsePhase) =>
        site.GridPhases == 1 ? GridPhase.L1 : demand.Rotation.GridPhaseOf(evsePhase);

    private static int StationOf(EvseDemand demand, IReadOnlyList<StationCap> stationCaps)
    {
        if (demand.StationId is not { } station)
        {
            return -1;
        }

        for (var s = 0; s < stationCaps.Count; s++)
        {
            if (string.Equals(stationCaps[s].StationId, station, StringComparison.Ordinal))
            {
                return s;
            }
        }

        return -1;
    }

    /// <summary>The limit → candidate list, used to stop every member of a limit that has become tight.</summary>
    private void BuildMembers(int n)
    {
        var k = _limitCount;
        Array.Clear(_memberStart, 0, k + 1);
        var members = 0;
        for (var i = 0; i < n; i++)
        {
            if (_role[i] != Role.Candidate)
            {
                continue;
            }

            for (var t = _termStart[i]; t < _termStart[i + 1]; t++)
            {
                _memberStart[_termLimit[t] + 1]++;
                members++;
            }
        }

        for (var j = 0; j < k; j++)
        {
            _memberStart[j + 1] += _memberStart[j];
        }

        Grow(ref _memberEvse, members);
        Grow(ref _memberRe, members);
        Grow(ref _memberIm, members);
        var cursor = _liveMembers; // scratch until the fills: zeroed again below
        Array.Copy(_memberStart, cursor, k);
        for (var i = 0; i < n; i++)
        {
            if (_role[i] != Role.Candidate)
            {
                continue;
            }

            for (var t = _termStart[i]; t < _termStart[i + 1]; t++)
            {
                var at = cursor[_termLimit[t]]++;
                _memberEvse[at] = i;
                _memberRe[at] = _termRe[t];
                _memberIm[at] = _termIm[t];
            }
        }

        Array.Clear(_liveMembers, 0, k);
    }

    /// <summary>Offline, reserved and disagreeing EVSEs load the limits before anyone is admitted.</summary>
    private void ApplyFixedLoads()
    {
        for (var i = 0; i < _evseCount; i++)
        {
            if (_role[i] == Role.Fixed)
            {
                AddLoad(i, _fixed[i]);
            }
        }
    }

    private void AddLoad(int evse, double amperes)
    {
        if (amperes == 0)
        {
            return;
        }

        for (var t = _termStart[evse]; t < _termStart[evse + 1]; t++)
        {
            var k = _termLimit[t];
            _loadRe[k] += amperes * _termRe[t];
            _loadIm[k] += amperes * _termIm[t];
        }
    }
}
