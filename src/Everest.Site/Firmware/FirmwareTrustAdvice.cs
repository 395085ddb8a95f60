using Everest.Site.Configuration;

namespace Everest.Site.Firmware;

/// <summary>
/// What <c>everest-site config check</c> says about firmware trust before the controller runs with it: an unreadable
/// <c>trusted-ca-file</c> (the controller would not start), and a site without a trusted CA, where
/// <c>update_firmware</c> is checked only against the certificate it brings and revocations are never looked at.
/// </summary>
public static class FirmwareTrustAdvice
{
    /// <summary>The problem that stops the controller, or null.</summary>
    public static string? Problem(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var ca = FirmwareSettings.From(options).TrustedCa;
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter", 2)[0];
        }
    }

    /// <summary>Warnings about a configuration the controller runs with but an operator should know about.</summary>
    public static IReadOnlyList<string> Warnings(EverestSiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var firmware = options.Firmware;
        if (!string.IsNullOrWhiteSpace(firmware.TrustedCaFile))
        {
            return [];
        }

        List<string> warnings =
        [
            "everest-site.firmware.trusted-ca-file is empty: no firmware signing certificate is checked against a CA, "
            + "a signed update is verified only with the certificate it brings, and unsigned images are installed "
            + "(for a lab, not a site: set it to the CA that signs your firmware)",
        ];
        if (firmware.RevokedSerials.Count > 0)
        {
            warnings.Add(
                $"everest-site.firmware.revoked-serials lists {firmware.RevokedSerials.Count} serial(s), "
                + "but without trusted-ca-file no certificate is checked against them");
        }

        return warnings;
    }
}
