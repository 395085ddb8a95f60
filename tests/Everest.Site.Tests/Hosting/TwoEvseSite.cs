using System.Collections;
using Everest.Site.Configuration;

namespace Everest.Site.Tests.Hosting;

/// <summary>A small site for the hosting tests: one charger with two EVSEs, one of them with an energy-limits module.</summary>
internal static class TwoEvseSite
{
    public const string SystemModule = "system_api_t1";
    public const string FirstEvse = "t-1-1";
    public const string FirstModule = "evse_api_t1_1";
    public const string FirstLimitsModule = "limits_api_t1_1";
    public const string SecondEvse = "t-1-2";
    public const string SecondModule = "evse_api_t1_2";

    /// <summary>The communication-check topics the controller must keep alive for this site.</summary>
    public static IReadOnlyList<string> CommunicationCheckTopics { get; } =
    [
        $"everest_api/1/system/{SystemModule}/m2e/communication_check",
        $"everest_api/1/evse_manager_consumer/{FirstModule}/m2e/communication_check",
        $"everest_api/1/external_energy_limits_consumer/{FirstLimitsModule}/m2e/communication_check",
        $"everest_api/1/evse_manager_consumer/{SecondModule}/m2e/communication_check",
    ];

    /// <summary>The site's HOCON, with the given MQTT and persistence sections.</summary>
    public static string Hocon(string mqtt, string persistence) => $$"""
        everest-site {
          site-id = "hosting-test"
          mqtt { {{mqtt}} }
          persistence { {{persistence}} }
          everest-api { communication-check-interval = 200ms }
          grid { max-current-a = 32 }
          # Port 0: the HTTP endpoint of a controller run as a process takes a free port, never one another test uses.
          http { urls = "http://127.0.0.1:0" }
          chargers = [
            { id = t-1, system-module-id = {{SystemModule}},
              evses = [
                { id = {{FirstEvse}}, module-id = {{FirstModule}}, energy-limits-module-id = {{FirstLimitsModule}} }
                { id = {{SecondEvse}}, module-id = {{SecondModule}} }
              ] }
          ]
        }
        """;

    public static EverestSiteOptions InMemory()
    {
        using var file = new TempConfig(Hocon("provider = memory, client-id = \"hosting-test\"", "provider = memory"));
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable()));
    }
}
