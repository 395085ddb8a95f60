using System.Text;
using Everest.Site.EverestApi;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Simulator.Site;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// A hostile publisher on the site's broker: bad payloads round-robin over every topic the controller subscribes
/// to (every <c>e2m</c> operation of every module the site has), as a compromised or broken device on the charger
/// network could send them. None is a well-formed event, so none may change a stored session.
/// </summary>
internal static class HostilePayloads
{
    private static readonly string[] Bodies =
    [
        "1e400",
        "{\"timestamp\":\"2026-03-02T08:00:00Z\",\"energy_Wh_import\":{\"total\":1e400}}",
        "{\"timestamp\":\"2099-01-01T00:00:00Z\",\"energy_Wh_import\":{\"total\":1000}}",
        "{\"timestamp\":\"0001-01-01T00:00:00Z\",\"energy_Wh_import\":{\"total\":-1e308}}",
        "{",
        "null",
        "[]",
        "\"" + new string('A', 60_000) + "\"",
        "{\"uuid\":\"hostile\",\"event\":\"TransactionFinished\",\"timestamp\":\"1e400\"}",
        "{\"uuid\":\"" + new string('u', 10_000) + "\",\"event\":\"SessionStarted\",\"timestamp\":\"2026-03-02T08:00:00Z\"}",
        "{\"headers\":{\"replyTo\":\"everest_api/1/evse_manager_consumer/evse_api_cp1_1/m2e/communication_check\"},\"payload\":null}",
        "{\"headers\":{\"replyTo\":\"" + new string('t', 60_000) + "\"}}",
        "{\"min_current_A_import\":\"six\",\"max_current_A_import\":1e400}",
        "true",
        "18446744073709551616",
    ];

    /// <summary>Publishes <paramref name="count"/> bad messages; every tenth at QoS 1, the rest at QoS 0.</summary>
    public static async Task<int> PublishAsync(MosquittoBroker broker, SimulatorOptions site, int count)
    {
        var topics = TopicsOf(site);
        await using var attacker = new MqttNetTransport(new MqttNetTransportOptions { Host = broker.Host, Port = broker.Port, ClientId = "hostile-publisher", CleanSession = true });
        await attacker.ConnectAsync();
        var pending = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var qos = i % 10 == 0 ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce;
            pending.Add(attacker.PublishAsync(new MqttMessage(topics[i % topics.Count], Encoding.UTF8.GetBytes(Bodies[(i / topics.Count) % Bodies.Length]), qos)));
            if (pending.Count == 500)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        await attacker.DisconnectAsync();
        return topics.Count;
    }

    private static List<string> TopicsOf(SimulatorOptions site)
    {
        var topics = new List<string>();
        void AddAll(EverestApiType api, string moduleId) => topics.AddRange(
            EverestApiContract.For(api).Where(o => o.Direction == MessageDirection.EverestToModule).Select(o => EverestTopic.FromEverest(api, moduleId, o.Name).ToString()));
        foreach (var charger in site.Chargers)
        {
            AddAll(EverestApiType.System, charger.SystemModuleId);
            AddAll(EverestApiType.OcppConsumer, charger.OcppModuleId);
            foreach (var evse in charger.Evses)
            {
                AddAll(EverestApiType.EvseManagerConsumer, evse.ModuleId);
                if (evse.EnergyLimitsModuleId is { } limits)
                {
                    AddAll(EverestApiType.ExternalEnergyLimitsConsumer, limits);
                }
            }
        }

        return topics;
    }
}
