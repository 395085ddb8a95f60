using System.Threading.Channels;
using MQTTnet;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Outgoing messages go through one queue and one pump, so they reach MQTTnet in call order with at most
/// <see cref="MqttNetTransportOptions.MaxPublishesInFlight"/> waiting for the broker at once. Only the pump waits for
/// a free slot, which keeps the order (a semaphore shared by callers would let a later caller overtake).
/// </summary>
public sealed partial class MqttNetTransport
{
    /// <summary>Publishes accepted by <see cref="PublishAsync"/>, in call order; read only by <see cref="PumpPublishesAsync"/>.</summary>
    private readonly Channel<PendingPublish> publishQueue = Channel.CreateUnbounded<PendingPublish>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Free slots for publishes waiting for the broker; taken by the pump, given back when a publish completes.</summary>
    private readonly SemaphoreSlim publishesInFlight;

    private async Task PumpPublishesAsync()
    {
        await foreach (var pending in publishQueue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Result.TrySetCanceled(pending.CancellationToken);
                continue;
            }

            await publishesInFlight.WaitAsync().ConfigureAwait(false);
            Task<MqttClientPublishResult> published;
            try
            {
                // MQTTnet queues the packet for sending before its first await, so calling it in order keeps the order.
                published = client.PublishAsync(pending.Message, pending.CancellationToken);
            }
#pragma warning disable CA1031 // Handed to the caller's task; the pump must go on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                published = Task.FromException<MqttClientPublishResult>(e);
            }

            _ = published.ContinueWith(
                static (task, state) =>
                {
                    var (transport, pending) = ((MqttNetTransport, PendingPublish))state!;
                    transport.publishesInFlight.Release();
                    if (task.IsCompletedSuccessfully)
                    {
                        pending.Result.TrySetResult(task.Result);
                    }
                    else if (task.IsCanceled)
                    {
                        pending.Result.TrySetCanceled(pending.CancellationToken);
                    }
                    else
                    {
                        pending.Result.TrySetException(task.Exception!.InnerExceptions);
                    }
                },
                (this, pending),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>One accepted publish and the task its caller waits on.</summary>
    private sealed record PendingPublish(MqttApplicationMessage Message, TaskCompletionSource<MqttClientPublishResult> Result, CancellationToken CancellationToken);
}
