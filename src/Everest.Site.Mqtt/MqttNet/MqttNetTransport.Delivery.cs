using System.Buffers;
using Everest.Site.Mqtt.Internal;
using MQTTnet;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Incoming messages. MQTTnet raises <see cref="IMqttClient.ApplicationMessageReceivedAsync"/> on one task per
/// connection, one message at a time. A message that arrives before the subscriptions are restored waits here,
/// unacknowledged, and the handlers see messages in arrival order.
/// </summary>
/// <remarks>
/// A QoS 1 message is acknowledged by us, not by MQTTnet (<see cref="MqttApplicationMessageReceivedEventArgs.AutoAcknowledge"/>
/// off): when its handlers returned, unless one of them deferred the acknowledgement (<see cref="MqttDelivery.Defer"/>),
/// then when the last claim is acknowledged. The broker's in-flight window (mosquitto's <c>max_inflight_messages</c>,
/// MQTT 5 Receive Maximum) bounds how many wait. A claim acknowledged after its connection ended is dropped: MQTTnet
/// would send the PUBACK on whatever connection is current, where the packet identifier may already name another
/// message; the broker sends the message again to the session instead.
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
        var atLeastOnce = application.QualityOfServiceLevel != MQTTnet.Protocol.MqttQualityOfServiceLevel.AtMostOnce;
        var message = new MqttMessage(
            application.Topic,
            application.Payload.IsEmpty ? ReadOnlyMemory<byte>.Empty : BuffersExtensions.ToArray(application.Payload),
            atLeastOnce ? MqttQos.AtLeastOnce : MqttQos.AtMostOnce,
            application.Retain);
        counters.MessageReceived();
        MqttDelivery delivery;
        if (atLeastOnce)
        {
            e.AutoAcknowledge = false;
            delivery = new MqttDelivery(() => Acknowledge(e, current));
        }
        else
        {
            delivery = MqttDelivery.Immediate;
        }

        lock (dispatching)
        {
            messageHandlers.Invoke(new ReceivedMessage(message, delivery));
        }

        delivery.HandlersReturned();
    }

    /// <summary>Sends the PUBACK of <paramref name="e"/> if its connection is still the open one; never throws.</summary>
    private void Acknowledge(MqttApplicationMessageReceivedEventArgs e, ConnectionLifetime receivedOn)
    {
        if (!ReferenceEquals(connection, receivedOn) || !receivedOn.IsOpen || receivedOn.Lost.IsCompleted)
        {
            counters.AcknowledgementDropped();
            return;
        }

        Task sending;
        try
        {
            sending = e.AcknowledgeAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // The connection may end at any moment; the broker then resends, which is the point.
        catch (Exception)
#pragma warning restore CA1031
        {
            counters.AcknowledgementDropped();
            return;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            sending.ContinueWith(
                static (task, state) => ((TransportCounters)state!).AcknowledgementDropped(),
                counters,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
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
