using Everest.Site.Hocon.Conversion;
using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.firmware</c>: firmware downloads and rollouts.</summary>
public sealed class FirmwareOptions
{
    /// <summary>Where downloaded images are kept.</summary>
    public string Folder { get; set; } = "";

    /// <summary>CA that firmware signing certificates must chain to; empty disables signature checks.</summary>
    [ConfigurationKeyName("trusted-ca-file")]
    public string TrustedCaFile { get; set; } = "";

    /// <summary>Serial numbers (hex) of signing certificates that are no longer trusted.</summary>
    [ConfigurationKeyName("revoked-serials")]
    public List<string> RevokedSerials { get; set; } = [];

    /// <summary>A rollout never has more chargers installing at once.</summary>
    [ConfigurationKeyName("max-concurrent-chargers")]
    public int MaxConcurrentChargers { get; set; }

    /// <summary>Also wait for EVerest's <c>allow_firmware_installation</c> before installing.</summary>
    [ConfigurationKeyName("wait-for-everest-allow")]
    public bool WaitForEverestAllow { get; set; }

    /// <summary>Command run to install an image (the path is appended); empty leaves installation to EVerest.</summary>
    [ConfigurationKeyName("install-command")]
    public string InstallCommand { get; set; } = "";

    /// <summary>Command run once the charger is back after an installation (image path, charger id); non-zero is InstallVerificationFailed. Empty: none.</summary>
    [ConfigurationKeyName("verify-command")]
    public string VerifyCommand { get; set; } = "";

    /// <summary><c>enable_priority</c> of our disable entry while installing (lower numbers are stronger; OCPP uses 5000).</summary>
    [ConfigurationKeyName("disable-priority")]
    public int DisablePriority { get; set; }

    /// <summary>Downloads larger than this are refused.</summary>
    [ConfigurationKeyName("max-download-size")]
    public ByteSize MaxDownloadSize { get; set; }

    /// <summary>Folder that <c>file://</c> locations must lie under; empty refuses <c>file://</c>.</summary>
    [ConfigurationKeyName("local-folder")]
    public string LocalFolder { get; set; } = "";

    /// <summary>Share of the site's EVSEs (0 to 1) that a rollout keeps available; 0 sets no floor.</summary>
    [ConfigurationKeyName("min-available-share")]
    public double MinAvailableShare { get; set; }

    /// <summary>The first charger of a rollout installs alone; the others follow once it is back.</summary>
    public bool Canary { get; set; }

    /// <summary>How long the canary (and every later charger) may take from the start of its installation until it is back.</summary>
    [ConfigurationKeyName("back-within")]
    public TimeSpan BackWithin { get; set; }

    /// <summary>
    /// How long an installation waits for busy EVSEs before the controller stops their transactions; null (empty)
    /// never stops a car's transaction.
    /// </summary>
    [ConfigurationKeyName("stop-transactions-after")]
    public TimeSpan? StopTransactionsAfter { get; set; }

    /// <summary>Default number of download attempts after the first, when the request names none.</summary>
    [ConfigurationKeyName("download-retries")]
    public int DownloadRetries { get; set; }

    /// <summary>Default pause between download attempts, when the request names none.</summary>
    [ConfigurationKeyName("download-retry-interval")]
    public TimeSpan DownloadRetryInterval { get; set; }
}
