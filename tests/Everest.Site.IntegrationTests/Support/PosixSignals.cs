using System.Runtime.InteropServices;

namespace Everest.Site.IntegrationTests.Support;

/// <summary>Sends SIGTERM, which <see cref="System.Diagnostics.Process"/> cannot: it only kills (SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
