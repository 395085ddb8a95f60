using System.Globalization;
using System.Text;
using Everest.Site.Configuration;

namespace Everest.Site.Cli;

/// <summary>
/// The demo's firmware image: written at start under <c>firmware.local-folder</c>, so that a rollout can be started
/// from the dashboard's API with a <c>file://</c> location the controller accepts, and the line that says how.
/// </summary>
internal static class DemoFirmware
{
    public const string ImageName = "demo-firmware-v2.bin";

    public const string LinePrefix = "firmware: ";

    /// <summary>Writes the image (unless it is there) and returns its location; null when the demo has no local firmware folder.</summary>
    public static Uri? Prepare(EverestSiteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Firmware.LocalFolder))
        {
            return null;
        }

        var folder = Directory.CreateDirectory(Path.GetFullPath(options.Firmware.LocalFolder)).FullName;
        var image = Path.Combine(folder, ImageName);
        if (!File.Exists(image))
        {
            // Any bytes will do: the simulated charger does not run them. Unsigned, as demo.conf sets no trusted CA.
            var content = new StringBuilder();
            for (var line = 0; line < 256; line++)
            {
                content.AppendLine(CultureInfo.InvariantCulture, $"everest-site demo firmware v2, block {line:D3}");
            }

            File.WriteAllText(image, content.ToString());
        }

        return new Uri(image);
    }

    /// <summary>The line that tells how to roll the image out over every charger of the demo.</summary>
    public static string Line(Uri image, string dashboardUrl, string apiToken)
    {
        var api = new Uri(new Uri(dashboardUrl).GetLeftPart(UriPartial.Authority) + "/api/firmware/rollouts");
        return $"{LinePrefix}roll out {image} to every charger with: curl -X POST -H 'Authorization: Bearer {apiToken}' "
            + $"-H 'Content-Type: application/json' -d '{{\"location\":\"{image}\"}}' {api}";
    }
}
