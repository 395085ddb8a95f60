using Everest.Site.Domain.Firmware;
using Everest.Site.Firmware;

namespace Everest.Site.Tests.Firmware;

/// <summary>
/// <c>firmware.install-command</c> and <c>verify-command</c> run as real processes: with the image's path and the
/// charger id as their two arguments, exit code 0 as success and anything else as a failure the system actor turns
/// into InstallationFailed (install) or InstallVerificationFailed (verify).
/// </summary>
public sealed class CommandFirmwareInstallerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("firmware-install-");

    [Fact]
    public async Task The_install_command_gets_the_image_path_and_the_charger_id_and_exit_code_0_is_success()
    {
        var installer = new CommandFirmwareInstaller(Settings(install: Script("install", "exit 0")));

        var outcome = await installer.InstallAsync("cp-1", "/var/lib/images/cp-1/7-v2.bin", CancellationToken.None);

        Assert.Equal(InstallOutcome.Success, outcome);
        Assert.Equal(["/var/lib/images/cp-1/7-v2.bin", "cp-1"], await ArgumentsOfAsync("install"));
    }

    [Fact]
    public async Task A_non_zero_exit_of_the_install_command_is_a_failed_installation_naming_the_code()
    {
        var installer = new CommandFirmwareInstaller(Settings(install: Script("install", "exit 3")));

        var outcome = await installer.InstallAsync("cp-2", "image.bin", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("exited with code 3", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_command_that_cannot_start_is_a_failed_installation()
    {
        var installer = new CommandFirmwareInstaller(Settings(install: Path.Combine(_root.FullName, "no-such-installer")));

        var outcome = await installer.InstallAsync("cp-1", "image.bin", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("could not be started", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_command_running_past_the_command_timeout_is_killed_and_fails()
    {
        var installer = new CommandFirmwareInstaller(Settings(install: Script("install", "exec sleep 600")) with { CommandTimeout = TimeSpan.FromMilliseconds(300) });

        var outcome = await installer.InstallAsync("cp-1", "image.bin", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("was killed", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_command_gets_the_same_arguments_and_a_non_zero_exit_fails_the_verification()
    {
        var installer = new CommandFirmwareInstaller(Settings(install: "", verify: Script("verify", "exit 1")));

        Assert.Equal(InstallOutcome.Success, await installer.InstallAsync("cp-1", "image.bin", CancellationToken.None));
        var verified = await installer.VerifyAsync("cp-1", "image.bin", CancellationToken.None);

        Assert.False(verified.Succeeded);
        Assert.Equal(["image.bin", "cp-1"], await ArgumentsOfAsync("verify"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static FirmwareSettings Settings(string install, string verify = "") => new()
    {
        Folder = "images",
        Limits = new RolloutLimits(1, 0, Canary: true),
        InstallCommand = install,
        VerifyCommand = verify,
    };

    /// <summary>An executable shell script that writes its arguments, one a line, to <c>{name}.args</c>, then runs <paramref name="then"/>.</summary>
    private string Script(string name, string then)
    {
        var path = Path.Combine(_root.FullName, name + ".sh");
        File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{ArgumentsFile(name)}'\n{then}\n");
        // A shell script run by its first line: it must be executable.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private string ArgumentsFile(string name) => Path.Combine(_root.FullName, name + ".args");

    private async Task<string[]> ArgumentsOfAsync(string name) =>
        (await File.ReadAllLinesAsync(ArgumentsFile(name))).Where(line => line.Length > 0).ToArray();
}
