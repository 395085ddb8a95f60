using System.Runtime.InteropServices;

namespace Everest.Site.Testing.Mosquitto;

/// <summary>Sends SIGTERM, which .NET's Process class cannot: mosquitto saves its persistence file only on an orderly stop.</summary>
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
