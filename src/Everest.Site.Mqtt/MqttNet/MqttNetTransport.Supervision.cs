using MQTTnet;
using MQTTnet.Protocol;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// The one loop that owns the connection: connect, restore the subscriptions, open the connection for delivery, wait
/// for its loss, back off, connect again. MQTTnet 5 has no reconnecting client, and reconnecting from inside its
/// disconnected event would race with the connection being torn down, so everything happens here, in order.
/// </summary>
public sealed partial class MqttNetTransport
{
    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var delay = options.Reconnect.MinDelay;
        try
        {
            SetState(hasConnected ? MqttConnectionState.Reconnecting : MqttConnectionState.Connecting, $"connecting to {broker}");
            while (!stopping.IsCancellationRequested)
            {
                var attempt = await ConnectOnceAsync(stopping).ConfigureAwait(false);
                if (attempt.Error is { IsTransient: false } refusal)
                {
                    logger.Refused(ClientId, broker, refusal.Message);
                    SetState(MqttConnectionState.Disconnected, refusal.Message);
                    FailNextAttempt(refusal);
                    return;
                }

                if (attempt.Error is { } failure)
                {
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    logger.ConnectFailed(ClientId, broker, failure.Message, delay);
                    SetState(hasConnected ? MqttConnectionState.Reconnecting : MqttConnectionState.Connecting, failure.Message);
                    FailNextAttempt(failure);
                    await Task.Delay(delay, time, stopping).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Reconnect.MaxDelay.Ticks));
                    continue;
                }

                delay = options.Reconnect.MinDelay;
                CompleteNextAttempt();
                var reason = await attempt.Connection!.Lost.WaitAsync(stopping).ConfigureAwait(false);
                logger.ConnectionLost(ClientId, broker, reason);
                SetState(MqttConnectionState.Reconnecting, reason);

                // Wait before connecting again even after a good connection was lost: when another client took this
                // client id over, connecting at once would take it back, and the two would push each other off the
                // broker in a tight loop.
                await Task.Delay(delay, time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disconnecting or disposing: the caller closes the connection.
        }
#pragma warning disable CA1031 // The loop must never die silently: report it and leave the transport disconnected.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.SupervisorFailed(e, ClientId);
            SetState(MqttConnectionState.Disconnected, e.Message);
            FailNextAttempt(new MqttException($"The MQTT client {ClientId} stopped: {e.Message}", e) { IsTransient = false });
        }
        finally
        {
            lock (gate)
            {
                // A newer loop may have started after this one was told to stop; leave its token alone.
                if (supervision is { } mine && mine.Token == stopping)
                {
                    supervision = null;
                    mine.Dispose();
                }
            }
        }
    }

    /// <summary>One attempt: connect, restore subscriptions, open for delivery. Returns the open connection or why it failed.</summary>
    private async Task<(ConnectionLifetime? Connection, MqttException? Error)> ConnectOnceAsync(CancellationToken stopping)
    {
        var attempt = new ConnectionLifetime();
        connection = attempt;
        certificateProblem = null;
        MqttClientConnectResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(options.ConnectTimeout);
            result = await client.ConnectAsync(clientOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every failure to connect is classified as transient or permanent; none may end the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Abandon();
            return (null, MqttNetConnectFailures.Classify(e, options, broker, hasConnected, certificateProblem));
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            attempt.Abandon();
            return (null, MqttNetConnectFailures.Refused(result, broker));
        }

        try
        {
            var restored = await RestoreSubscriptionsAsync(result.IsSessionPresent, stopping).ConfigureAwait(false);
            if (options.OnlineMessage is { } online)
            {
                await client.PublishAsync(
                    new MqttApplicationMessage
                    {
                        Topic = online.Topic,
                        PayloadSegment = online.Payload.ToArray(),
                        QualityOfServiceLevel = (MqttQualityOfServiceLevel)online.Qos,
                        Retain = online.Retain,
                    },
                    stopping).ConfigureAwait(false);
                counters.MessagePublished();
            }

            var reconnected = hasConnected;
            hasConnected = true;
            if (reconnected)
            {
                counters.Reconnected();
            }

            logger.Connected(ClientId, reconnected ? "reconnected" : "connected", broker, result.IsSessionPresent, restored);
            RaiseState(MqttConnectionState.Connected, reconnected ? "reconnected" : null);
            attempt.Open();
            return (attempt, null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A connection that failed while subscriptions were restored is a lost connection like any other.
        catch (Exception e)
#pragma warning restore CA1031
        {
            attempt.Abandon();
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }

            // Wait until MQTTnet has torn this connection down, so the next attempt starts from a disconnected client.
            await attempt.Lost.WaitAsync(options.ConnectTimeout, stopping).ConfigureAwait(false);
            return (null, new MqttException($"The connection to the MQTT broker {broker} was lost while subscriptions were restored: {e.Message}", e) { IsTransient = true });
        }
    }

    /// <summary>
    /// Subscribes to everything wanted, again and again until nothing changed meanwhile, then marks the transport
    /// connected in the same locked step (so a <see cref="SubscribeAsync"/> in between is never lost). With the
    /// session still at the broker, retained messages are not sent again for subscriptions it already had.
    /// </summary>
    private async Task<int> RestoreSubscriptionsAsync(bool sessionPresent, CancellationToken stopping)
    {
        var retainHandling = sessionPresent ? MqttRetainHandling.SendAtSubscribeIfNewSubscriptionOnly : MqttRetainHandling.SendAtSubscribe;
        var made = new Dictionary<string, MqttQos>(StringComparer.Ordinal);
        while (true)
        {
            Dictionary<string, MqttQos> wanted;
            string[] unwanted;
            long version;
            lock (gate)
            {
                wanted = new Dictionary<string, MqttQos>(subscriptions, StringComparer.Ordinal);
                unwanted = [.. pendingUnsubscribes, .. made.Keys.Where(f => !subscriptions.ContainsKey(f))];
                version = subscriptionsVersion;
            }

            var missing = wanted.Where(w => !made.TryGetValue(w.Key, out var qos) || qos != w.Value).ToList();
            foreach (var chunk in missing.Chunk(FiltersPerSubscribe))
            {
                var result = await client.SubscribeAsync(SubscribeOptions(chunk.Select(c => (c.Key, c.Value)), retainHandling), stopping).ConfigureAwait(false);
                foreach (var item in result.Items.Where(i => !IsGranted(i.ResultCode)))
                {
                    logger.SubscriptionRefused(ClientId, item.TopicFilter.Topic, item.ResultCode.ToString());
                    Forget(item.TopicFilter.Topic);
                }
            }

            if (unwanted.Length > 0)
            {
                await client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = [.. unwanted.Distinct(StringComparer.Ordinal)] }, stopping).ConfigureAwait(false);
            }

            made = wanted;
            lock (gate)
            {
                foreach (var filter in unwanted)
                {
                    pendingUnsubscribes.Remove(filter);
                }

                if (version == subscriptionsVersion)
                {
                    // Connected from here on: subscribing and unsubscribing now talk to the broker directly.
                    state = MqttConnectionState.Connected;
                    return made.Count;
                }
            }
        }
    }
}
