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
/// the first <see cref="FailNext"/> requests with 503, or, while <see cref="HoldImages"/>, sending half an image and
/// holding the rest until <see cref="CutHeld"/>) and takes log uploads with PUT under <c>/logs/{name}</c>
/// (answering <see cref="UploadStatus"/>). <see cref="Busy"/> counts the requests it is still answering.
/// </summary>
public sealed class FirmwareServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failNext;
    private int _busy;
    private int _held;
    private int _heldUploads;
    private int _abortedUploads;

    private FirmwareServer(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentDictionary<string, byte[]> Images { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Image requests answered so far (including failed ones).</summary>
    public int ImageRequests;

    /// <summary>Log uploads received so far (including refused ones).</summary>
    public int UploadRequests;

    /// <summary>Requests the server has received and not answered in full yet.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>While true, an image request gets its length and the first half of the image, then waits for <see cref="CutHeld"/>.</summary>
    public bool HoldImages { get; set; }

    /// <summary>Image requests held half-sent now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>While true, a log upload is received but not answered until <see cref="CutHeld"/> or until the client gives it up.</summary>
    public bool HoldUploads { get; set; }

    /// <summary>Log uploads held unanswered now.</summary>
    public int HeldUploads => Volatile.Read(ref _heldUploads);

    /// <summary>Held log uploads the client gave up (cancelled) before they were answered.</summary>
    public int AbortedUploads => Volatile.Read(ref _abortedUploads);

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
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server._busy);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref server._busy);
            }
        });
        app.MapGet("/fw/{name}", async (string name, HttpContext context) =>
        {
            Interlocked.Increment(ref server.ImageRequests);
            if (Interlocked.Decrement(ref server._failNext) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            Interlocked.Exchange(ref server._failNext, 0);
            if (!server.Images.TryGetValue(name, out var image))
            {
                return Results.NotFound();
            }

            if (server.HoldImages)
            {
                await server.SendHalfAndHoldAsync(context, image);
                return Results.Empty;
            }

            return Results.Bytes(image, "application/octet-stream");
        });
        app.MapPut("/logs/{name}", async (string name, HttpContext context) =>
        {
            Interlocked.Increment(ref server.UploadRequests);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (server.HoldUploads && !await server.HoldUploadAsync(context))
            {
                return Results.Empty;
            }

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

    /// <summary>Every held image request ends with its connection cut: the client has half an image.</summary>
    public void CutHeld() => _cut.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        CutHeld();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Holds an upload until <see cref="CutHeld"/> (true) or until the client gives it up (false).</summary>
    private async Task<bool> HoldUploadAsync(HttpContext context)
    {
        Interlocked.Increment(ref _heldUploads);
        try
        {
            var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = context.RequestAborted.Register(() => abandoned.TrySetResult());
            if (await Task.WhenAny(_cut.Task, abandoned.Task) == abandoned.Task)
            {
                Interlocked.Increment(ref _abortedUploads);
                return false;
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _heldUploads);
        }
    }

    private async Task SendHalfAndHoldAsync(HttpContext context, byte[] image)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = image.Length;
        await context.Response.Body.WriteAsync(image.AsMemory(0, image.Length / 2));
        await context.Response.Body.FlushAsync();
        Interlocked.Increment(ref _held);
        try
        {
            await _cut.Task;
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
