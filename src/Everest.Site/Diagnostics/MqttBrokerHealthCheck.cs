using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Diagnostics;

/// <summary>
/// <c>mqtt-broker</c>: healthy while the controller is connected to its broker. Without the broker the controller
/// neither hears EVerest nor commands it (EVerest's own fallbacks, such as the last schedule's safe current, apply).
/// </summary>
internal sealed class MqttBrokerHealthCheck(IMqttTransport transport, EverestSiteOptions options) : IHealthCheck
{
    public const string Name = "mqtt-broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = transport.State;
        var data = new Dictionary<string, object>
        {
            ["broker"] = $"{options.Mqtt.Host}:{options.Mqtt.Port}",
            ["state"] = state.ToString(),
        };
        return Task.FromResult(state == MqttConnectionState.Connected
            ? HealthCheckResult.Healthy("connected to the MQTT broker", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"not connected to the MQTT broker ({state}); reconnecting", data: data));
    }
}
