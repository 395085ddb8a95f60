using System.Buffers;
using Everest.Site.Mqtt.Internal;
using MQTTnet;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Incoming messages. MQTTnet raises <see cref="IMqttClient.ApplicationMessageReceivedAsync"/> on one task per
/// connection, one message at a time, and keeps every PUBLISH it reads from the socket in a queue of its own, without
/// limit, until that event returned. So the event only puts the message into our bounded inbound queue and returns; one
/// delivery loop hands the messages to the handlers in arrival order. A message that arrives before the subscriptions
/// are restored waits in the event, unacknowledged.
/// </summary>
/// <remarks>
/// <para>The inbound queue bounds the QoS 0 messages that are not retained (<see cref="MqttNetTransportOptions.MaxWaitingMessages"/>,
/// <see cref="MqttNetTransportOptions.MaxWaitingBytes"/>): when the handlers are slower than the broker's flow the oldest
/// of them are dropped, counted (<see cref="MqttDroppedMessages.QueueFull"/>) and reported in a warning at most once per
/// <see cref="DropReportInterval"/>. The oldest rather than the newest, because most of them are telemetry and state
/// that a newer message of the same topic supersedes (a meter reading, a heartbeat counter, limits); the newest show
/// what holds now. QoS 1 messages are never dropped: their number is bounded by the broker's in-flight window, as their
/// acknowledgement waits for the handlers. Retained ones neither: they arrive once per subscription and carry state
/// that is not sent again.</para>
/// <para>A QoS 1 message is acknowledged by us, not by MQTTnet (<see cref="MqttApplicationMessageReceivedEventArgs.AutoAcknowledge"/>
/// off): when its handlers returned, unless one of them deferred the acknowledgement (<see cref="MqttDelivery.Defer"/>),
/// then when the last claim is acknowledged. The broker's in-flight window (mosquitto's <c>max_inflight_messages</c>,
/// MQTT 5 Receive Maximum) bounds how many wait. A claim acknowledged after its connection ended is dropped: MQTTnet
/// would send the PUBACK on whatever connection is current, where the packet identifier may already name another
/// message; the broker sends the message again to the session instead. For the same reason a QoS 1 message whose
/// connection ended while it waited in the inbound queue is not handed on (<see cref="MqttDroppedMessages.ConnectionEnded"/>);
/// a QoS 0 one still is, as nobody would send it again.</para>
/// </remarks>
public sealed partial class MqttNetTransport
{
    /// <summary>At most one warning about dropped messages per this interval; the counters have every drop.</summary>
    public static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    /// <summary>Received messages waiting for the handlers; written by MQTTnet's receiving task, read by <see cref="DeliverAsync"/>.</summary>
    private readonly InboundQueue<WaitingMessage> inbound;

    /// <summary>Guards <see cref="dropsNotReported"/> and <see cref="nextDropReport"/>.</summary>
    private readonly Lock dropReporting = new();

    /// <summary>Messages dropped from the full inbound queue since the last warning.</summary>
    private long dropsNotReported;

    /// <summary>When the next warning about dropped messages may be written.</summary>
    private DateTimeOffset nextDropReport = DateTimeOffset.MinValue;

    private async Task OnApplicationMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var current = connection;
        if (current is null || (!current.IsOpen && !await current.WaitUntilOpenAsync().ConfigureAwait(false)))
        {
            // The connection ended before its subscriptions were restored: do not acknowledge, so the broker sends a
            // QoS 1 message again on the next connection of this session.
            e.ProcessingFailed = true;
            counters.DroppedConnectionEnded();
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

        var waiting = new WaitingMessage(new ReceivedMessage(message, delivery), atLeastOnce ? current : null);
        var pushedOut = inbound.Add(waiting, isDroppable: !atLeastOnce && !application.Retain, bytes: message.Payload.Length + message.Topic.Length);
        if (pushedOut > 0)
        {
            counters.DroppedQueueFull(pushedOut);
            ReportDrops(pushedOut);
        }
    }

    /// <summary>The one delivery loop: hands waiting messages to the handlers, one at a time, in arrival order.</summary>
    private async Task DeliverAsync()
    {
        while (await inbound.WaitAsync().ConfigureAwait(false))
        {
            while (inbound.TryTake(out var waiting))
            {
                if (waiting.AcknowledgedOn is { } receivedOn && !IsCurrent(receivedOn))
                {
                    // Its acknowledgement could no longer be sent; the broker sends it again to the session.
                    counters.DroppedConnectionEnded();
                    continue;
                }

                lock (dispatching)
                {
                    messageHandlers.Invoke(waiting.Received);
                }

                waiting.Received.Delivery.HandlersReturned();
            }
        }
    }

    /// <summary>True while <paramref name="receivedOn"/> is the open connection, on which its acknowledgements can go out.</summary>
    private bool IsCurrent(ConnectionLifetime receivedOn) =>
        ReferenceEquals(connection, receivedOn) && receivedOn.IsOpen && !receivedOn.Lost.IsCompleted;

    /// <summary>Warns about messages dropped from the full inbound queue, at most once per <see cref="DropReportInterval"/>.</summary>
    private void ReportDrops(int dropped)
    {
        long total;
        lock (dropReporting)
        {
            dropsNotReported += dropped;
            var now = time.GetUtcNow();
            if (now < nextDropReport)
            {
                return;
            }

            nextDropReport = now + DropReportInterval;
            total = dropsNotReported;
            dropsNotReported = 0;
        }

        logger.InboundMessagesDropped(ClientId, total, options.MaxWaitingMessages, options.MaxWaitingBytes);
    }

    /// <summary>Sends the PUBACK of <paramref name="e"/> if its connection is still the open one; never throws.</summary>
    private void Acknowledge(MqttApplicationMessageReceivedEventArgs e, ConnectionLifetime receivedOn)
    {
        if (!IsCurrent(receivedOn))
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

    /// <summary>A received message waiting in the inbound queue.</summary>
    /// <param name="AcknowledgedOn">The connection its acknowledgement must go out on (QoS 1); null when nothing is acknowledged.</param>
    private sealed record WaitingMessage(ReceivedMessage Received, ConnectionLifetime? AcknowledgedOn);
}
