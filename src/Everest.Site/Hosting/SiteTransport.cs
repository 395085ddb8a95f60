using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>The MQTT transport a controller on its own uses: a client of the external broker <c>everest-site.mqtt</c> names.</summary>
internal static class SiteTransport
{
    public static IMqttTransport Create(MqttOptions mqtt, ILoggerFactory loggerFactory) =>
        new MqttNetTransport(LibrarySettings.ForMqttClient(mqtt), loggerFactory);
}
