using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Everest.Site.Http;

/// <summary>
/// <c>GET /api/events</c>: the site's state changes as server-sent events (<c>evse</c>, <c>allocation</c>,
/// <c>session</c>), a <c>ping</c> when nothing happened for <see cref="KeepAliveInterval"/> (so proxies keep the
/// connection), ending when the client leaves, falls behind (see <see cref="SiteEventHub"/>) or the site stops.
/// </summary>
public static class EventEndpoints
{
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/events", (SiteEventHub hub, IHostApplicationLifetime lifetime, HttpContext context) =>
            TypedResults.ServerSentEvents(StreamAsync(hub, lifetime.ApplicationStopping, context.RequestAborted)));
        return api;
    }

    private static async IAsyncEnumerable<SseItem<object>> StreamAsync(
        SiteEventHub hub,
        CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken aborted)
    {
        using var subscription = hub.Subscribe();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        yield return new SseItem<object>(new { at = DateTimeOffset.UtcNow }, "hello");
        while (true)
        {
            switch (await WaitAsync(subscription.Reader, ended.Token).ConfigureAwait(false))
            {
                case Wake.Events:
                    while (subscription.Reader.TryRead(out var siteEvent))
                    {
                        yield return new SseItem<object>(siteEvent.Data, siteEvent.Type);
                    }

                    break;
                case Wake.KeepAlive:
                    yield return new SseItem<object>(new { at = DateTimeOffset.UtcNow }, "ping");
                    break;
                default:
                    yield break;
            }
        }
    }

    private enum Wake
    {
        Events,
        KeepAlive,
        End,
    }

    private static async Task<Wake> WaitAsync(ChannelReader<SiteEvent> reader, CancellationToken ended)
    {
        using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(ended);
        keepAlive.CancelAfter(KeepAliveInterval);
        try
        {
            return await reader.WaitToReadAsync(keepAlive.Token).ConfigureAwait(false) ? Wake.Events : Wake.End;
        }
        catch (OperationCanceledException) when (!ended.IsCancellationRequested)
        {
            return Wake.KeepAlive;
        }
        catch (OperationCanceledException)
        {
            return Wake.End;
        }
        catch (SiteEventHub.SlowClientException)
        {
            return Wake.End;
        }
    }
}
