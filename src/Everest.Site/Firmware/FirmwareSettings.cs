using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using Everest.Site.Configuration;
using Everest.Site.Domain.Firmware;

namespace Everest.Site.Firmware;

/// <summary>The firmware and system settings the system actors and the rollout work with, read once at start.</summary>
public sealed record FirmwareSettings
{
    /// <summary>Where images are downloaded to (full path).</summary>
    public required string Folder { get; init; }

    /// <summary>The folder <c>file://</c> locations must lie under (full path); null refuses <c>file://</c>.</summary>
    public string? LocalFolder { get; init; }

    /// <summary>The CA signing certificates must chain to; null: no signature checks.</summary>
    public X509Certificate2? TrustedCa { get; init; }

    /// <summary>Revoked signing certificate serials, upper-case hex without leading zeros.</summary>
    public FrozenSet<string> RevokedSerials { get; init; } = FrozenSet<string>.Empty;

    public required RolloutLimits Limits { get; init; }

    public TimeSpan BackWithin { get; init; } = TimeSpan.FromMinutes(15);

    public bool WaitForEverestAllow { get; init; }

    /// <summary>How long the installation waits for busy EVSEs before stopping their transactions; null: never.</summary>
    public TimeSpan? StopTransactionsAfter { get; init; }

    /// <summary>Install command; empty leaves the image to EVerest.</summary>
    public string InstallCommand { get; init; } = "";

    /// <summary>Command that verifies a charger back from its installation; empty: being back is enough.</summary>
    public string VerifyCommand { get; init; } = "";

    public int DisablePriority { get; init; } = 1000;

    public long MaxDownloadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Retries after the first attempt when the request names none.</summary>
    public int DownloadRetries { get; init; } = 3;

    public TimeSpan DownloadRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    public string ResetCommand { get; init; } = "";

    public bool HardResetAllowed { get; init; } = true;

    public string SetTimeCommand { get; init; } = "";

    public IReadOnlyList<string> LogFiles { get; init; } = [];

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The settings of <paramref name="options"/>; reads the trusted CA file.</summary>
    /// <exception cref="ArgumentException">The trusted CA file cannot be read as a PEM or DER certificate.</exception>
    public static FirmwareSettings From(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var f = options.Firmware;
        var s = options.System;
        X509Certificate2? ca = null;
        if (!string.IsNullOrWhiteSpace(f.TrustedCaFile))
        {
            try
            {
                ca = X509CertificateLoader.LoadCertificateFromFile(f.TrustedCaFile);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"everest-site.firmware.trusted-ca-file '{f.TrustedCaFile}' is not a readable certificate: {e.Message}", nameof(options), e);
            }
        }

        return new FirmwareSettings
        {
            Folder = Path.GetFullPath(f.Folder),
            LocalFolder = string.IsNullOrWhiteSpace(f.LocalFolder) ? null : Path.GetFullPath(f.LocalFolder),
            TrustedCa = ca,
            RevokedSerials = f.RevokedSerials.Select(NormalizeSerial).ToFrozenSet(StringComparer.Ordinal),
            Limits = new RolloutLimits(Math.Max(1, f.MaxConcurrentChargers), f.MinAvailableShare, f.Canary),
            BackWithin = f.BackWithin > TimeSpan.Zero ? f.BackWithin : TimeSpan.FromMinutes(15),
            WaitForEverestAllow = f.WaitForEverestAllow,
            StopTransactionsAfter = f.StopTransactionsAfter,
            InstallCommand = f.InstallCommand,
            VerifyCommand = f.VerifyCommand,
            DisablePriority = f.DisablePriority,
            MaxDownloadBytes = f.MaxDownloadSize.Bytes > 0 ? f.MaxDownloadSize.Bytes : 512L * 1024 * 1024,
            DownloadRetries = f.DownloadRetries,
            DownloadRetryInterval = f.DownloadRetryInterval,
            ResetCommand = s.ResetCommand,
            HardResetAllowed = s.HardResetAllowed,
            SetTimeCommand = s.SetTimeCommand,
            LogFiles = [.. s.LogFiles],
            CommandTimeout = s.CommandTimeout > TimeSpan.Zero ? s.CommandTimeout : TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>A serial as compared: upper-case hex, leading zeros dropped (certificates may encode one for the sign).</summary>
    public static string NormalizeSerial(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var trimmed = serial.Replace(":", "", StringComparison.Ordinal).TrimStart('0').ToUpperInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
