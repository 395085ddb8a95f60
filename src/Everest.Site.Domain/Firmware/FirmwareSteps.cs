namespace Everest.Site.Domain.Firmware;

/// <summary>The rules of the status sequence of one update request.</summary>
public static class FirmwareSteps
{
    /// <summary>True for the end states: the request is over, successful or not.</summary>
    public static bool IsEnd(this FirmwareStep step) => step is FirmwareStep.Installed
        or FirmwareStep.DownloadFailed
        or FirmwareStep.InvalidSignature
        or FirmwareStep.InstallationFailed
        or FirmwareStep.InstallVerificationFailed;

    /// <summary>True for the end states that are failures.</summary>
    public static bool IsFailure(this FirmwareStep step) => step.IsEnd() && step != FirmwareStep.Installed;

    /// <summary>
    /// True once the charger's EVSEs may have been taken out of service for the installation (from
    /// <see cref="FirmwareStep.Installing"/> on): an update that ends or is interrupted there must give them back.
    /// </summary>
    public static bool IsInstallPhase(this FirmwareStep step) => step is FirmwareStep.Installing or FirmwareStep.InstallRebooting;

    /// <summary>
    /// Whether <paramref name="next"/> may be published after <paramref name="reported"/> for the same request: never
    /// a status twice, never anything after an end state, and never a step backwards in the sequence
    /// DownloadScheduled → Downloading → Downloaded → SignatureVerified → InstallScheduled → Installing →
    /// InstallRebooting → Installed.
    /// </summary>
    public static bool MayReport(IReadOnlyList<FirmwareStep> reported, FirmwareStep next)
    {
        ArgumentNullException.ThrowIfNull(reported);
        if (next == FirmwareStep.Idle || reported.Contains(next))
        {
            return false;
        }

        if (reported.Count == 0)
        {
            return true;
        }

        var last = reported[^1];
        return !last.IsEnd() && (next.IsEnd() || Rank(next) > Rank(last));
    }

    private static int Rank(FirmwareStep step) => step switch
    {
        FirmwareStep.DownloadScheduled => 1,
        FirmwareStep.Downloading => 2,
        FirmwareStep.Downloaded => 3,
        FirmwareStep.SignatureVerified => 4,
        FirmwareStep.InstallScheduled => 5,
        FirmwareStep.Installing => 6,
        FirmwareStep.InstallRebooting => 7,
        _ => 8,
    };
}
