using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>
/// <c>everest-site.mqtt.inbound-queue</c>: how many received QoS 0 messages may wait for the controller's handlers
/// before the oldest are dropped (QoS 1 and retained messages never are).
/// </summary>
public sealed class MqttInboundQueueOptions
{
    [ConfigurationKeyName("max-messages")]
    public int MaxMessages { get; set; }

    /// <summary>Payload and topic bytes of those messages.</summary>
    [ConfigurationKeyName("max-bytes")]
    public ByteSize MaxBytes { get; set; }
}
