using System.Collections.Concurrent;
using System.Threading.Channels;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Http;

/// <summary>
/// Fans the site's state changes out to the <c>/api/events</c> clients. Each client gets a bounded queue of
/// <c>http.events-buffer</c> events; publishing never waits, and a client whose queue is full is disconnected (its
/// stream ends; the dashboard reconnects and reloads), so a slow browser can never hold the actors up.
/// </summary>
public sealed partial class SiteEventHub(EverestSiteOptions options, ILogger<SiteEventHub> logger)
{
    private const string DroppedKind = "event-client-dropped";

    private readonly ConcurrentDictionary<long, Channel<SiteEvent>> _clients = new();

    /// <summary>A client that reconnects and falls behind again and again costs one log line a minute (wall time).</summary>
    private readonly WarningThrottle _warnings = new(TimeProvider.System);
    private long _nextClientId;
    private long _dropped;

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Clients disconnected so far because they fell behind.</summary>
    public long DroppedClients => Interlocked.Read(ref _dropped);

    /// <summary>A new client's queue; dispose it when the client leaves.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<SiteEvent>(new BoundedChannelOptions(options.Http.EventsBuffer)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var id = Interlocked.Increment(ref _nextClientId);
        _clients[id] = channel;
        return new Subscription(this, id, channel.Reader);
    }

    /// <summary>Queues <paramref name="siteEvent"/> for every client without waiting; a client with a full queue is dropped.</summary>
    public void Publish(SiteEvent siteEvent)
    {
        foreach (var (id, channel) in _clients)
        {
            if (!channel.Writer.TryWrite(siteEvent) && _clients.TryRemove(id, out _))
            {
                channel.Writer.TryComplete(new SlowClientException());
                Interlocked.Increment(ref _dropped);
                if (_warnings.ShouldLog(DroppedKind, out var heldBack))
                {
                    LogClientDropped(logger, id, options.Http.EventsBuffer, heldBack);
                }
            }
        }
    }

    private void Remove(long id)
    {
        if (_clients.TryRemove(id, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event stream client {ClientId} fell {Buffer} events behind and was disconnected ({HeldBack} more since the last such line)")]
    private static partial void LogClientDropped(ILogger logger, long clientId, int buffer, long heldBack);

    /// <summary>One client's queue of events.</summary>
    public sealed class Subscription(SiteEventHub hub, long id, ChannelReader<SiteEvent> reader) : IDisposable
    {
        public ChannelReader<SiteEvent> Reader => reader;

        public void Dispose() => hub.Remove(id);
    }

    /// <summary>Ends the stream of a client that fell behind.</summary>
    public sealed class SlowClientException() : Exception("The client fell behind the event stream and was disconnected.");
}
