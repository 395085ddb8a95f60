using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Everest.Site.IntegrationTests.Support;

namespace Everest.Site.IntegrationTests;

/// <summary>
/// <c>everest-site demo</c> rolls out the firmware image it wrote at start: through the HTTP API, as its printed line
/// says, each simulated charger installs by rebooting and comes back with boot reason FirmwareUpdate.
/// </summary>
public sealed class DemoFirmwareRolloutTests
{
    [Fact]
    public async Task The_demo_rolls_out_its_image_canary_first_and_every_charger_comes_back_installed()
    {
        await using var demo = await DemoProcess.StartAsync(duration: TimeSpan.FromMinutes(4), timeout: TimeSpan.FromSeconds(90));
        using var api = new HttpClient { BaseAddress = demo.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", demo.ApiToken);
        var image = new Uri(Path.Combine(demo.WorkingDirectory, "data", "firmware-images", "demo-firmware-v2.bin"));
        Assert.True(File.Exists(image.LocalPath), $"the demo wrote no image at {image.LocalPath}");

        using var started = await api.PostAsJsonAsync("/api/firmware/rollouts", new { location = image.ToString() });
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());

        JsonElement firmware = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                firmware = await api.GetFromJsonAsync<JsonElement>("/api/firmware");
                // The rollout records a charger as done once that charger's own step says Installed: wait for both.
                var chargers = firmware.GetProperty("chargers");
                return chargers.EnumerateArray().All(c => c.GetProperty("step").GetString() == "Installed")
                    && firmware.GetProperty("rollout") is { ValueKind: JsonValueKind.Object } rollout
                    && rollout.GetProperty("done").GetArrayLength() == chargers.GetArrayLength();
            },
            TimeSpan.FromSeconds(150),
            () => firmware.ValueKind == JsonValueKind.Undefined ? "no answer yet" : firmware.ToString() + "\n" + demo.StderrTail);

        var rollout = firmware.GetProperty("rollout");
        Assert.True(rollout.GetProperty("canaryBack").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rollout.TryGetProperty("halted", out var halted) ? halted.ValueKind : JsonValueKind.Null);
        Assert.Equal(firmware.GetProperty("chargers").GetArrayLength(), rollout.GetProperty("done").GetArrayLength());
        Assert.All(firmware.GetProperty("chargers").EnumerateArray(), c => Assert.Equal("FirmwareUpdate", c.GetProperty("bootReason").GetString()));
        Assert.Equal(0, await demo.TerminateAsync(TimeSpan.FromSeconds(30)));
    }
}
