using System.Buffers;
using MQTTnet;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Incoming messages. MQTTnet raises <see cref="IMqttClient.ApplicationMessageReceivedAsync"/> on one task per
/// connection, one message at a time, and acknowledges a QoS 1 message when the event handler's task completes
/// (<see cref="MqttApplicationMessageReceivedEventArgs.AutoAcknowledge"/>). So a message that arrives before the
/// subscriptions are restored waits here, unacknowledged, and the handlers see messages in arrival order.
/// </summary>
/// <remarks>
/// Acknowledging after the controller stored what a message caused plugs in here: set <c>AutoAcknowledge = false</c>,
/// hand the handlers an acknowledgement that calls <see cref="MqttApplicationMessageReceivedEventArgs.AcknowledgeAsync"/>
/// later, and let the broker's in-flight window (<c>max_inflight_messages</c>) bound what is outstanding.
/// </remarks>
public sealed partial class MqttNetTransport
{
    private async Task OnApplicationMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var current = connection;
        if (current is null || (!current.IsOpen && !await current.WaitUntilOpenAsync().ConfigureAwait(false)))
        {
            // The connection ended before its subscriptions were restored: do not acknowledge, so the broker sends a
            // QoS 1 message again on the next connection of this session.
            e.ProcessingFailed = true;
            return;
        }

        var application = e.ApplicationMessage;
        var message = new MqttMessage(
            application.Topic,
            application.Payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : BuffersExtensions.ToArray(application.Payload),
            application.QualityOfServiceLevel == MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce ? MqttQos.AtMostOnce : MqttQos.AtLeastOnce,
            application.Retain);
        counters.MessageReceived();
        lock (dispatching)
        {
            messageHandlers.Invoke(message);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        // Failed connection attempts are reported to the supervising loop by ConnectAsync itself.
        if (e.ClientWasConnected)
        {
            connection?.MarkLost(MqttNetConnectFailures.DescribeLoss(e));
        }

        return Task.CompletedTask;
    }

    /// <summary>Remembers why the broker's certificate was refused; the connect failure that follows carries it.</summary>
    private bool ValidateBrokerCertificate(MqttClientCertificateValidationEventArgs e)
    {
        if (e.SslPolicyErrors == System.Net.Security.SslPolicyErrors.None)
        {
            return true;
        }

        certificateProblem = MqttNetConnectFailures.DescribeCertificateProblem(e, options.Host);
        return false;
    }
}
