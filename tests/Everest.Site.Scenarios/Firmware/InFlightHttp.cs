namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// The HTTP side of the controller's firmware downloads and log uploads in a story, counting the requests sent and
/// not answered yet. With <see cref="FirmwareServer.Busy"/> (requests the server is still answering) it tells a story
/// when real I/O is under way that virtual time must not outrun: on a loaded box a first request to the in-test
/// server can take longer than many steps of virtual time.
/// </summary>
public sealed class InFlightHttp() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _inFlight;

    /// <summary>Requests sent whose response has not begun to arrive.</summary>
    public int Count => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
