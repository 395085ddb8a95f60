using Everest.Site.Http;
using Everest.Site.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Tests.Http;

public sealed class SiteEventHubTests
{
    [Fact]
    public async Task A_client_that_falls_a_full_buffer_behind_is_disconnected_while_the_others_keep_their_events()
    {
        var options = TwoEvseSite.InMemory();
        options.Http.EventsBuffer = 4;
        var hub = new SiteEventHub(options, NullLogger<SiteEventHub>.Instance);
        using var slow = hub.Subscribe();
        using var reading = hub.Subscribe();

        for (var i = 0; i < 10; i++)
        {
            // Publishing never waits, whatever the clients do.
            hub.Publish(new SiteEvent("evse", i));
            Assert.True(reading.Reader.TryRead(out var received));
            Assert.Equal(i, received.Data);
        }

        await Assert.ThrowsAsync<SiteEventHub.SlowClientException>(async () =>
        {
            while (await slow.Reader.WaitToReadAsync())
            {
                slow.Reader.TryRead(out _);
            }
        });
        Assert.Equal(1, hub.DroppedClients);
        Assert.Equal(1, hub.ClientCount);
    }

    [Fact]
    public void A_client_that_leaves_gets_no_more_events()
    {
        var hub = new SiteEventHub(TwoEvseSite.InMemory(), NullLogger<SiteEventHub>.Instance);
        var client = hub.Subscribe();

        client.Dispose();
        hub.Publish(new SiteEvent("evse", 1));

        Assert.Equal(0, hub.ClientCount);
        Assert.True(client.Reader.Completion.IsCompleted);
        Assert.False(client.Reader.TryRead(out _));
    }
}
