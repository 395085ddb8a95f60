namespace Everest.Site.Firmware;

/// <summary>The outcome of an installation.</summary>
public sealed record InstallOutcome(bool Succeeded, string? Failure)
{
    public static InstallOutcome Success { get; } = new(true, null);
}

/// <summary>Installs a downloaded image on a charger.</summary>
public interface IFirmwareInstaller
{
    Task<InstallOutcome> InstallAsync(string chargerId, string imagePath, CancellationToken cancellationToken);
}

/// <summary>
/// Runs <c>firmware.install-command</c> with the image's path and the charger id (a non-zero exit, a start failure or
/// running past <c>system.command-timeout</c> is a failed installation). Without a command the image is left to
/// EVerest's own installer, and the installation counts as done at once.
/// </summary>
public sealed class CommandFirmwareInstaller(FirmwareSettings settings) : IFirmwareInstaller
{
    public async Task<InstallOutcome> InstallAsync(string chargerId, string imagePath, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.InstallCommand))
        {
            return InstallOutcome.Success;
        }

        var (exitCode, failure) = await ExternalCommand.RunAsync(settings.InstallCommand, [imagePath, chargerId], settings.CommandTimeout);
        return exitCode switch
        {
            0 => InstallOutcome.Success,
            null => new InstallOutcome(false, failure),
            _ => new InstallOutcome(false, $"'{settings.InstallCommand}' exited with code {exitCode}"),
        };
    }
}
