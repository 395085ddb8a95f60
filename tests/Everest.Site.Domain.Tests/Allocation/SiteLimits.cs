using Everest.Site.Domain.Allocation;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>
/// Every limit of a scenario (each phase of every circuit, circuit power, each phase of a capped station) with
/// its load recomputed from the decisions, independently of the allocator's bookkeeping.
/// </summary>
internal sealed class SiteLimits
{
    private readonly List<(string Name, double Limit)> _limits = [];
    private readonly List<List<(int Evse, double Coefficient)>> _members = [];
    private readonly Dictionary<int, List<(int Limit, double Coefficient)>> _ofEvse = [];

    public SiteLimits(Scenario scenario, AllocationResult result)
    {
        var site = scenario.Site;
        var evses = scenario.Evses;
        var circuitPhase = new int[site.CircuitIds.Count, 3];
        var power = new int[site.CircuitIds.Count];
        for (var c = 0; c < site.CircuitIds.Count; c++)
        {
            for (var p = 0; p < 3; p++)
            {
                circuitPhase[c, p] = Add($"{site.CircuitIds[c]} L{p + 1}", IndependentLoads.Limit(site, c, scenario.Now));
            }

            power[c] = site.CircuitMaxPowerW[c] is { } w ? Add($"{site.CircuitIds[c]} power", Math.Max(0, w - (site.SafetyMarginA * site.VoltageV * site.GridPhases))) : -1;
        }

        var stations = scenario.StationCaps.ToDictionary(
            s => s.StationId,
            s => Enumerable.Range(0, 3).Select(p => Add($"station {s.StationId} L{p + 1}", Math.Max(0, s.MaxCurrentA - site.SafetyMarginA))).ToArray());

        for (var i = 0; i < evses.Length; i++)
        {
            var phases = site.GridPhases == 1 ? 1 : Math.Clamp(evses[i].Phases, 1, 3);
            Assert.Equal(phases, result.Evses[i].Phases);
            var gridPhases = Enumerable.Range(0, phases).Select(e => site.GridPhases == 1 ? 0 : IndependentLoads.GridPhase(evses[i].Rotation, e)).ToArray();
            var terms = new List<(int Limit, double Coefficient)>();
            foreach (var c in IndependentLoads.Path(site, evses[i]))
            {
                terms.AddRange(gridPhases.Select(p => (circuitPhase[c, p], 1.0)));
                if (power[c] >= 0)
                {
                    terms.Add((power[c], site.VoltageV * phases));
                }
            }

            if (evses[i].StationId is { } station && stations.TryGetValue(station, out var stationLimits))
            {
                terms.AddRange(gridPhases.Select(p => (stationLimits[p], 1.0)));
            }

            _ofEvse[i] = terms;
            foreach (var (limit, coefficient) in terms)
            {
                _members[limit].Add((i, coefficient));
                Load[limit] += coefficient * result.Evses[i].CountedA;
            }
        }
    }

    public List<double> Load { get; } = [];

    public int Count => _limits.Count;

    public string Name(int limit) => _limits[limit].Name;

    public double Limit(int limit) => _limits[limit].Limit;

    public IReadOnlyList<(int Evse, double Coefficient)> Members(int limit) => _members[limit];

    public IReadOnlyList<(int Limit, double Coefficient)> LimitsOf(int evse) => _ofEvse[evse];

    /// <summary>Slack for rounding, relative to the size of the limit.</summary>
    public double Slack(int limit) => 1e-6 * Math.Max(1, _limits[limit].Limit);

    public bool IsTight(int limit) => Load[limit] >= _limits[limit].Limit - Slack(limit);

    private int Add(string name, double limit)
    {
        _limits.Add((name, limit));
        _members.Add([]);
        Load.Add(0);
        return _limits.Count - 1;
    }
}
