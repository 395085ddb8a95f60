using System.Diagnostics;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// A small file system of its own (a tmpfs mounted on a folder) for a journal that the suite fills at a chosen moment
/// and frees again: a full disk without filling the machine's. Mounting needs root (as in CI); where it is not
/// permitted the row fails with the reason, it is never skipped.
/// </summary>
internal sealed class SmallFileSystem : IAsyncDisposable
{
    /// <summary>The filler is written in blocks this large until the file system refuses the next one.</summary>
    private const int BlockBytes = 64 * 1024;

    private readonly string _filler;

    private SmallFileSystem(string mountPoint)
    {
        MountPoint = mountPoint;
        _filler = Path.Combine(mountPoint, "filler");
    }

    public string MountPoint { get; }

    /// <summary>
    /// Mounts a tmpfs of <paramref name="megabytes"/> MB on a new folder <paramref name="mountPoint"/>; its root may be
    /// entered by others (a PostgreSQL server runs as its own user), what is created in it keeps its own modes.
    /// </summary>
    public static async Task<SmallFileSystem> MountAsync(string mountPoint, int megabytes)
    {
        Directory.CreateDirectory(mountPoint);
        var (exitCode, error) = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", mountPoint);
        Assert.True(exitCode == 0,
            $"A full disk needs a small file system of its own: `mount -t tmpfs` on {mountPoint} failed ({exitCode}: {error.Trim()}). "
            + "Run the suite as root (CI does), or in a container allowed to mount.");
        return new SmallFileSystem(mountPoint);
    }

    /// <summary>Writes a filler file until the file system is full; returns the bytes it took.</summary>
    public long Fill()
    {
        var block = new byte[BlockBytes];
        using var filler = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, which is the point. A last partial block may still fit.
        }

        try
        {
            filler.Write(block, 0, 1);
        }
        catch (IOException)
        {
            // Full to the last byte.
        }

        return filler.Length;
    }

    /// <summary>Deletes the filler: the disk has room again.</summary>
    public void Free() => File.Delete(_filler);

    public async ValueTask DisposeAsync()
    {
        var (exitCode, error) = await RunAsync("umount", "--lazy", MountPoint);
        Assert.True(exitCode == 0, $"umount {MountPoint} failed ({exitCode}: {error.Trim()}).");
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await error);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, $"{command} could not be started: {exception.Message}");
        }
    }
}
