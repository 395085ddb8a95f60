using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// A real HTTP server on a free loopback port (Kestrel) that serves firmware images under <c>/fw/{name}</c> (failing
/// the first <see cref="FailNext"/> requests with 503) and takes log uploads with PUT under <c>/logs/{name}</c>
/// (answering <see cref="UploadStatus"/>).
/// </summary>
public sealed class FirmwareServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failNext;

    private FirmwareServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentDictionary<string, byte[]> Images { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Image requests answered so far (including failed ones).</summary>
    public int ImageRequests;

    public int UploadStatus { get; set; } = StatusCodes.Status201Created;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The next this many image requests fail with 503.</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    public string ImageUrl(string name) => new Uri(BaseAddress, $"fw/{name}").ToString();

    public static async Task<FirmwareServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FirmwareServer(app);
        app.MapGet("/fw/{name}", (string name) =>
        {
            Interlocked.Increment(ref server.ImageRequests);
            if (Interlocked.Decrement(ref server._failNext) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            Interlocked.Exchange(ref server._failNext, 0);
            return server.Images.TryGetValue(name, out var image) ? Results.Bytes(image, "application/octet-stream") : Results.NotFound();
        });
        app.MapPut("/logs/{name}", async (string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (server.UploadStatus < 300)
            {
                server.Uploads[name] = body.ToArray();
            }

            return Results.StatusCode(server.UploadStatus);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
