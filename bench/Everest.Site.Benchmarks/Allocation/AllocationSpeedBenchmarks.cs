using BenchmarkDotNet.Attributes;
using Everest.Site.Domain.Allocation;

namespace Everest.Site.Benchmarks.Allocation;

/// <summary>
/// One allocator run over a whole site, in its steady state (the previous run's memory passed in, as the site
/// actor does every second). Baseline: one pass that only sums every EVSE's current into its circuits'
/// phases, the least any allocator has to do.
/// </summary>
[Config(typeof(AllocationBenchmarkConfig))]
public class AllocationSpeedBenchmarks
{
    private SiteModel _site = null!;
    private EvseDemand[] _evses = null!;
    private SiteAllocator _allocator = null!;
    private AllocationState _state = null!;
    private double[] _sums = [];

    [Params(10, 100, 1_000, 5_000)]
    public int Evses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_site, _evses) = SpeedFleet.Create(Evses);
        _allocator = new SiteAllocator(new AllocationPolicy());
        _state = AllocationState.Empty;
        for (var run = 0; run < 5; run++)
        {
            _state = _allocator.Allocate(_site, _evses, _state, SpeedFleet.Now.AddSeconds(run)).State;
        }

        _sums = new double[_site.CircuitIds.Count * 3];
    }

    [Benchmark(Baseline = true)]
    public double SumCircuitLoads()
    {
        Array.Clear(_sums);
        for (var i = 0; i < _evses.Length; i++)
        {
            var evse = _evses[i];
            _site.TryGetCircuitIndex(evse.CircuitId, out var circuit);
            var amps = evse.Measured?.Max ?? 0;
            for (var at = circuit; at >= 0; at = _site.ParentIndex[at])
            {
                for (var e = 0; e < evse.Phases; e++)
                {
                    _sums[(at * 3) + (int)evse.Rotation.GridPhaseOf(e)] += amps;
                }
            }
        }

        return _sums[0];
    }

    [Benchmark]
    public AllocationResult Allocate() => _allocator.Allocate(_site, _evses, _state, SpeedFleet.Now.AddSeconds(6));
}
