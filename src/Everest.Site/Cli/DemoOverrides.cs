using System.Globalization;
using System.Text;
using Everest.Site.Configuration;

namespace Everest.Site.Cli;

/// <summary>
/// What <c>everest-site demo --evses N --speed X</c> changes in demo.conf, as a HOCON layer over it (so the
/// result is validated and explained like any configuration).
/// <para>
/// <c>--evses</c>: N EVSEs on chargers of two (<c>demo-1-1</c>, <c>demo-1-2</c>, <c>demo-2-1</c>, ...), phase rotations
/// cycling so single-phase cars spread over the phases. The grid and carport limits and the arrival rate keep
/// demo.conf's share per EVSE (16 A and 10 arrivals an hour for 4 EVSEs: 4 A and 2.5 an hour each), so a bigger site
/// is as crowded as the default one and allocation still has to share, pause and rotate; the limit never drops below
/// demo.conf's, so one to three EVSEs can still charge at the 6 A minimum.
/// </para>
/// <para>
/// <c>--speed</c>: <c>simulator.time-scale</c>. The allocator runs once per wall second while its turns and the
/// controller's time-outs are counted in simulated time, so above demo.conf's scale they are stretched by the same
/// factor and last as long on the wall as in the default demo (a 15-minute turn would otherwise be shorter than a tick).
/// </para>
/// </summary>
public static class DemoOverrides
{
    public const int MinEvses = 1;
    public const int MaxEvses = 200;

    /// <summary>The name the layer's values are reported under (config provenance, validation problems).</summary>
    public const string SourceName = "demo command line";

    private static readonly string[] PhaseRotations = ["L1L2L3", "L2L3L1", "L3L1L2"];

    /// <summary>The HOCON layer for <paramref name="evses"/> and <paramref name="speed"/> (either may be null: unchanged) over <paramref name="demo"/>.</summary>
    public static string ToHocon(EverestSiteOptions demo, int? evses, double? speed)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var text = new StringBuilder("everest-site {\n");
        if (evses is { } count)
        {
            AppendSite(text, demo, count);
        }

        if (speed is { } scale)
        {
            AppendSpeed(text, demo, scale);
        }

        return text.Append("}\n").ToString();
    }

    private static void AppendSite(StringBuilder text, EverestSiteOptions demo, int count)
    {
        var demoEvses = demo.Chargers.Sum(c => c.Evses.Count);
        var share = (double)count / demoEvses;
        var limit = Math.Max(demo.Grid.MaxCurrentA, Math.Round(demo.Grid.MaxCurrentA * share));
        var circuit = demo.Circuits.Single();
        text.Append(Invariant($"  grid.max-current-a = {limit}\n"));
        text.Append(Invariant($"  circuits = [ {{ id = {circuit.Id}, parent = {circuit.Parent}, max-current-a = {limit} }} ]\n"));
        text.Append(Invariant($"  simulator.arrival-rate-per-hour = {demo.Simulator.ArrivalRatePerHour * share:0.###}\n"));
        text.Append("  chargers = [\n");
        for (var charger = 1; (charger - 1) * 2 < count; charger++)
        {
            text.Append(Invariant($"    {{ id = demo-{charger}, system-module-id = system_api_demo{charger}, evses = [\n"));
            for (var evse = 1; evse <= 2 && (charger - 1) * 2 + evse <= count; evse++)
            {
                var rotation = PhaseRotations[((charger - 1) * 2 + evse - 1) % PhaseRotations.Length];
                text.Append(Invariant(
                    $"      {{ id = demo-{charger}-{evse}, module-id = evse_api_demo{charger}_{evse}, energy-limits-module-id = limits_api_demo{charger}_{evse}, circuit = {circuit.Id}, phase-rotation = {rotation} }}\n"));
            }

            text.Append("    ] }\n");
        }

        text.Append("  ]\n");
    }

    private static void AppendSpeed(StringBuilder text, EverestSiteOptions demo, double scale)
    {
        text.Append(Invariant($"  simulator.time-scale = {scale:R}\n"));
        var stretch = scale / demo.Simulator.TimeScale;
        if (stretch <= 1)
        {
            return;
        }

        var allocation = demo.Allocation;
        text.Append(Invariant($"  allocation.rotation = {Stretched(allocation.Rotation, stretch)}\n"));
        text.Append(Invariant($"  allocation.min-pause = {Stretched(allocation.MinPause, stretch)}\n"));
        text.Append(Invariant($"  allocation.min-charge = {Stretched(allocation.MinCharge, stretch)}\n"));
        text.Append(Invariant($"  allocation.fallback-after = {Stretched(allocation.FallbackAfter, stretch)}\n"));
        text.Append(Invariant($"  allocation.lowering-timeout = {Stretched(allocation.LoweringTimeout, stretch)}\n"));
        text.Append(Invariant($"  everest-api.request-timeout = {Stretched(demo.EverestApi.RequestTimeout, stretch)}\n"));
        text.Append(Invariant($"  everest-api.heartbeat-timeout = {Stretched(demo.EverestApi.HeartbeatTimeout, stretch)}\n"));
    }

    private static string Stretched(TimeSpan duration, double stretch) =>
        Invariant($"{Math.Ceiling(duration.TotalSeconds * stretch)}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
