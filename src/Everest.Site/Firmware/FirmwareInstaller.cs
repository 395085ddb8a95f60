namespace Everest.Site.Firmware;

/// <summary>The outcome of an installation.</summary>
public sealed record InstallOutcome(bool Succeeded, string? Failure)
{
    public static InstallOutcome Success { get; } = new(true, null);
}

/// <summary>Installs a downloaded image on a charger, and verifies the charger once it is back.</summary>
public interface IFirmwareInstaller
{
    Task<InstallOutcome> InstallAsync(string chargerId, string imagePath, CancellationToken cancellationToken);

    /// <summary>Checks the charger after it came back from installing <paramref name="imagePath"/>; a failure is InstallVerificationFailed.</summary>
    Task<InstallOutcome> VerifyAsync(string chargerId, string imagePath, CancellationToken cancellationToken);
}

/// <summary>
/// Runs <c>firmware.install-command</c> with the image's path and the charger id (a non-zero exit, a start failure or
/// running past <c>system.command-timeout</c> is a failed installation). Without a command the image is left to
/// EVerest's own installer, and the installation counts as done at once. <c>firmware.verify-command</c> verifies
/// the same way (empty: nothing to verify).
/// </summary>
public sealed class CommandFirmwareInstaller(FirmwareSettings settings) : IFirmwareInstaller
{
    public Task<InstallOutcome> InstallAsync(string chargerId, string imagePath, CancellationToken cancellationToken) =>
        RunAsync(settings.InstallCommand, chargerId, imagePath);

    public Task<InstallOutcome> VerifyAsync(string chargerId, string imagePath, CancellationToken cancellationToken) =>
        RunAsync(settings.VerifyCommand, chargerId, imagePath);

    private async Task<InstallOutcome> RunAsync(string command, string chargerId, string imagePath)
    {
        if (string.IsNullOrWhiteSpace(command))
        {
            return InstallOutcome.Success;
        }

        var (exitCode, failure) = await ExternalCommand.RunAsync(command, [imagePath, chargerId], settings.CommandTimeout);
        return exitCode switch
        {
            0 => InstallOutcome.Success,
            null => new InstallOutcome(false, failure),
            _ => new InstallOutcome(false, $"'{command}' exited with code {exitCode}"),
        };
    }
}
