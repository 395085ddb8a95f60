using System.Globalization;
using System.Text;
using Everest.Site.Simulator.Site;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// Writes the controller's HOCON site file for exactly the chargers and EVSEs a <see cref="SimulatorOptions"/>
/// plays, so every module id the simulator publishes on belongs to a configured EVSE.
/// </summary>
internal static class SiteConfigFile
{
    /// <param name="persistence">The body of the <c>persistence { … }</c> section: the journal the controller writes.</param>
    public static string Write(string directory, SimulatorOptions site, string mqttHost, int mqttPort, string clientId, string persistence)
    {
        var text = new StringBuilder();
        text.AppendLine("everest-site {");
        text.AppendLine("  site-id = \"crash-test\"");
        text.AppendLine(Invariant($"  mqtt {{ host = \"{mqttHost}\", port = {mqttPort}, client-id = \"{clientId}\", keep-alive = 5s, reconnect {{ min-delay = 1s, max-delay = 2s }} }}"));
        text.AppendLine(Invariant($"  persistence {{ {persistence} }}"));

        // A grid far above what 20 EVSEs draw: the allocator never pauses or limits anyone, so the energy each
        // car takes depends only on the simulator's plan, not on when the controller happened to be down.
        text.AppendLine("  grid { max-current-a = 2000, safety-margin-a = 1 }");

        // Port 0: the HTTP endpoint takes a free port, never one another test on this machine is using.
        text.AppendLine("  http { urls = \"http://127.0.0.1:0\" }");
        text.AppendLine("  chargers = [");
        foreach (var charger in site.Chargers)
        {
            text.AppendLine(Invariant($"    {{ id = {charger.Id}, system-module-id = {charger.SystemModuleId}, evses = ["));
            foreach (var evse in charger.Evses)
            {
                text.AppendLine(Invariant($"        {{ id = {evse.Id}, module-id = {evse.ModuleId}, energy-limits-module-id = {evse.EnergyLimitsModuleId} }}"));
            }

            text.AppendLine("    ] }");
        }

        text.AppendLine("  ]");
        text.AppendLine("}");

        var path = Path.Combine(directory, "site.conf");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
