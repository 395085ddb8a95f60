using Everest.Site.Domain.Allocation;

namespace Everest.Site.Domain.Tests.Allocation;

/// <summary>
/// The per-phase load on every circuit, recomputed from the decisions without the allocator's own bookkeeping,
/// so that a test can check the limits against something the allocator did not compute.
/// </summary>
internal static class IndependentLoads
{
    /// <summary>Grid phase (0–2) of an EVSE's phase <paramref name="evsePhase"/>, read off the rotation's name ("L2L3L1" → L2, L3, L1).</summary>
    public static int GridPhase(PhaseRotation rotation, int evsePhase) => rotation.ToString()[1 + (2 * evsePhase)] - '1';

    /// <summary>Load per circuit index and grid phase (A): what each EVSE is counted at, on its phases, in its circuit and every ancestor.</summary>
    public static double[,] PerCircuitPhase(SiteModel site, IReadOnlyList<EvseDemand> evses, AllocationResult result)
    {
        var loads = new double[site.CircuitIds.Count, 3];
        for (var i = 0; i < evses.Count; i++)
        {
            var decision = result.Evses[i];
            Assert.Equal(evses[i].Id, decision.EvseId);
            if (decision.CountedA == 0)
            {
                continue;
            }

            Assert.True(site.TryGetCircuitIndex(evses[i].CircuitId, out var circuit));
            for (var at = circuit; at >= 0; at = site.ParentIndex[at])
            {
                for (var e = 0; e < decision.Phases; e++)
                {
                    var phase = site.GridPhases == 1 ? 0 : GridPhase(evses[i].Rotation, e);
                    loads[at, phase] += decision.CountedA;
                }
            }
        }

        return loads;
    }

    /// <summary>The per-phase limit of circuit <paramref name="circuit"/> at <paramref name="now"/> with the margin taken off.</summary>
    public static double Limit(SiteModel site, int circuit, DateTimeOffset now) =>
        Math.Max(0, (circuit == 0 ? site.GridMaxCurrentAt(now) : site.CircuitMaxCurrentA[circuit]) - site.SafetyMarginA);

    /// <summary>The circuits (by index) an EVSE's current passes through: its own and every ancestor.</summary>
    public static IEnumerable<int> Path(SiteModel site, EvseDemand evse)
    {
        Assert.True(site.TryGetCircuitIndex(evse.CircuitId, out var circuit));
        for (var at = circuit; at >= 0; at = site.ParentIndex[at])
        {
            yield return at;
        }
    }
}
