using System.Net.Http.Headers;
using Everest.Site.Configuration;
using Everest.Site.Hosting;
using Everest.Site.Http;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Simulator.Site;
using Everest.Site.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Tests.Http;

/// <summary>
/// The controller with its HTTP API as <c>run</c> and <c>demo</c> compose it (the production registration, Kestrel on a
/// free loopback port), against the simulator playing EVerest for <see cref="TwoEvseSite"/> over the in-memory broker,
/// with no cars arriving: both EVSEs are online and idle. Shared by the tests of a class (xunit class fixture).
/// </summary>
public sealed class HttpSite : IAsyncLifetime
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly InMemoryBroker broker = new();
    private readonly CancellationTokenSource stopping = new();
    private WebApplication? app;
    private SiteSimulator? simulator;
    private Task simulation = Task.CompletedTask;

    /// <summary>A client with the token.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client without any Authorization header.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    /// <summary>The simulator playing EVerest, e.g. to let a car arrive.</summary>
    public SiteSimulator Simulator => simulator!;

    public async Task InitializeAsync()
    {
        var options = TwoEvseSite.InMemory();
        options.Http.Urls = "http://127.0.0.1:0";
        var controller = broker.CreateClient("controller");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.AddEverestSite(options, new SiteHostSettings { Transport = controller });
        builder.AddEverestSiteHttp(options, Token);
        app = builder.Build();
        app.MapEverestSiteHttp();
        await app.StartAsync();

        // EVerest starts after the controller, as in the demo, so the controller hears its start-up publications.
        var everest = broker.CreateClient("everest");
        await everest.ConnectAsync();
        simulator = new SiteSimulator(DemoSimulation.OptionsFor(options), everest, TimeProvider.System, NoArrivals.Instance);
        await simulator.StartAsync();
        simulation = simulator.RunAsync(TimeSpan.FromMilliseconds(500), stopping.Token);

        var address = new Uri(SiteHttpAddresses.Bound(app.Services).Single());
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await stopping.CancelAsync();
        await simulation;
        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }

        stopping.Dispose();
    }
}
