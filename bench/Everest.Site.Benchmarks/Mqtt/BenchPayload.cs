using System.Text;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>A powermeter-like JSON payload of about 100 bytes, on one line (the C client's <c>-l</c> mode sends one message per line).</summary>
internal static class BenchPayload
{
    public const string Topic = "everest_api/1/evse_manager_consumer/evse_1/e2m/powermeter";

    public static readonly byte[] Json = Encoding.UTF8.GetBytes(
        "{\"timestamp\":\"2026-11-30T05:00:00.000Z\",\"energy_Wh_import\":{\"total\":123456.7},\"power_W\":{\"total\":11000.0}}");

    /// <summary><paramref name="count"/> copies of <see cref="Json"/>, one per line.</summary>
    public static byte[] Lines(int count)
    {
        var lines = new byte[(Json.Length + 1) * count];
        for (var i = 0; i < count; i++)
        {
            Json.CopyTo(lines, i * (Json.Length + 1));
            lines[((i + 1) * (Json.Length + 1)) - 1] = (byte)'\n';
        }

        return lines;
    }
}
