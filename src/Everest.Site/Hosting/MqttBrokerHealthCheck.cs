using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Everest.Site.Hosting;

/// <summary>Healthy while the controller is connected to its MQTT broker; without it no EVSE can be heard or commanded.</summary>
internal sealed class MqttBrokerHealthCheck(IMqttTransport transport, EverestSiteOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["state"] = transport.State.ToString() };
        return Task.FromResult(transport.State == MqttConnectionState.Connected
            ? HealthCheckResult.Healthy("connected to the MQTT broker", data)
            : HealthCheckResult.Unhealthy($"not connected to the MQTT broker {options.Mqtt.Host}:{options.Mqtt.Port}; retrying", data: data));
    }
}
