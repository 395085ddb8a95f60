using System.Runtime.InteropServices;

namespace Everest.Site.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT (Ctrl+C) into a cancellation token and keeps the runtime from ending the process
/// itself, so the controller can shut down in order and exit 0. A second signal while shutting down is
/// ignored the same way; SIGKILL cannot be caught, and the journal is built to survive it.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration terminate;
    private readonly PosixSignalRegistration interrupt;

    public ShutdownSignal()
    {
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled when a stop was asked for.</summary>
    public CancellationToken Token => requested.Token;

    /// <summary>The signal that asked for the stop, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        terminate.Dispose();
        interrupt.Dispose();
        requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Received ??= context.Signal;
        try
        {
            requested.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal racing with the end of the process: nothing is left to stop.
        }
    }
}
