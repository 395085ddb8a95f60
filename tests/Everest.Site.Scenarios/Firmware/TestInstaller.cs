using System.Collections.Concurrent;
using Everest.Site.Firmware;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>
/// A deterministic installer: records every installation and finishes it with <see cref="Outcome"/> at once, or, when
/// <see cref="Hold"/> is set, only when the test calls <see cref="Release"/> (so a story can crash the controller
/// mid-install). Verifications after the charger is back end with <see cref="VerifyOutcome"/>.
/// </summary>
public sealed class TestInstaller : IFirmwareInstaller
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InstallOutcome>> _held = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string ChargerId, string ImagePath, byte[] Image)> Installed { get; } = new();

    public InstallOutcome Outcome { get; set; } = InstallOutcome.Success;

    public bool Hold { get; set; }

    public InstallOutcome VerifyOutcome { get; set; } = InstallOutcome.Success;

    public ConcurrentQueue<string> Verified { get; } = new();

    public IReadOnlyCollection<string> Holding => [.. _held.Keys];

    public Task<InstallOutcome> InstallAsync(string chargerId, string imagePath, CancellationToken cancellationToken)
    {
        Installed.Enqueue((chargerId, imagePath, File.ReadAllBytes(imagePath)));
        if (!Hold)
        {
            return Task.FromResult(Outcome);
        }

        var held = new TaskCompletionSource<InstallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[chargerId] = held;
        return held.Task;
    }

    public Task<InstallOutcome> VerifyAsync(string chargerId, string imagePath, CancellationToken cancellationToken)
    {
        Verified.Enqueue(chargerId);
        return Task.FromResult(VerifyOutcome);
    }

    public void Release(string chargerId, InstallOutcome outcome)
    {
        if (_held.TryRemove(chargerId, out var held))
        {
            held.TrySetResult(outcome);
        }
    }
}
