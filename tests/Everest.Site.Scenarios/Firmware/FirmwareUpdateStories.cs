using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using Everest.Site.Domain.Firmware;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Firmware;
using Everest.Site.Mqtt;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>One charger's firmware update, told with the simulator playing EVerest and a real HTTP server serving the image.</summary>
public sealed class FirmwareUpdateStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    private static readonly string[] FullSequence = ["Downloading", "Downloaded", "SignatureVerified", "InstallScheduled", "Installing", "InstallRebooting", "Installed"];

    [Fact]
    public async Task A_signed_update_disables_the_idle_EVSE_at_once_waits_for_the_transaction_then_installs_and_gives_both_back()
    {
        await StartFirmwareSiteAsync(2);
        await ArriveAsync("cp-1-2", stay: TimeSpan.FromMinutes(3));
        await RunFirmwareUntilAsync(_ => false || EvseStatusAsync("cp-1-2").Result.TransactionOpen, TimeSpan.FromSeconds(30), "the car at cp-1-2 has a transaction");

        var signer = Certificates.RsaSigner();
        var request = SignedRequest(7, "v2.bin", signer);
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", request));

        // The idle EVSE goes out of service at once; the busy one keeps charging and nothing is installed yet.
        await RunFirmwareUntilAsync(_ => !SimulatedEnabledAsync("cp-1-1").Result, TimeSpan.FromSeconds(30), "cp-1-1 is disabled");
        await RunFirmwareForAsync(TimeSpan.FromSeconds(60));
        Assert.True(await SimulatedEnabledAsync("cp-1-2"), "the charging EVSE stays enabled");
        Assert.True((await EvseStatusAsync("cp-1-2")).TransactionOpen, "the car's transaction is not cut");
        Assert.Empty(Installer.Installed);
        Assert.Equal(FirmwareStep.InstallScheduled, ChargerStep(await StepFirmwareAsync(), "cp-1").Step);

        // The car leaves: the second EVSE goes out of service, the image is installed, both come back.
        var done = await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(7).Contains("Installed"), TimeSpan.FromMinutes(5), "the update is installed and EVerest is told so");
        Assert.Equal(BootReason.FirmwareUpdate.Value, ChargerStep(done, "cp-1").BootReason);
        await RunFirmwareUntilAsync(_ => SimulatedEnabledAsync("cp-1-1").Result && SimulatedEnabledAsync("cp-1-2").Result, TimeSpan.FromSeconds(30), "both EVSEs are back in service");
        Assert.Equal(FullSequence, StatusesOf(7));
        var installed = Assert.Single(Installer.Installed);
        Assert.Equal("cp-1", installed.ChargerId);
        Assert.Equal(Server.Images["v2.bin"], installed.Image);
        Assert.Equal(BootReason.FirmwareUpdate, await AskAsync(Simulator.AskBootReasonAsync("cp-1")));
    }

    [Fact]
    public async Task A_bad_signature_ends_in_InvalidSignature_and_nothing_is_installed_or_disabled()
    {
        await StartFirmwareSiteAsync(2);
        var warnings = WatchWarnings();
        var request = SignedRequest(8, "tampered.bin", Certificates.RsaSigner()) with { Signature = Certificates.RsaSigner().SignatureOf(Encoding.UTF8.GetBytes("another image")) };
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", request));

        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.InvalidSignature && StatusesOf(8).Contains("InvalidSignature"), TimeSpan.FromMinutes(5), "the signature is found invalid and EVerest is told so");
        await ExpectSecurityEventAsync(warnings, "firmware 8 has an invalid signature");
        await RunFirmwareForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["Downloading", "Downloaded", "InvalidSignature"], StatusesOf(8));
        Assert.Empty(Installer.Installed);
        Assert.True(await SimulatedEnabledAsync("cp-1-1") && await SimulatedEnabledAsync("cp-1-2"));
        Assert.Empty(Directory.EnumerateFiles(FirmwareSettings.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_ECDSA_signed_update_is_installed()
    {
        await StartFirmwareSiteAsync(2);
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(9, "ec.bin", Certificates.EcdsaSigner())));

        // The controller's step and the status it publishes to EVerest travel apart: wait for the published one too.
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(9).Contains("Installed"), TimeSpan.FromMinutes(2), "the update is installed and EVerest is told so");
        Assert.Equal(FullSequence.Where(s => s != "InstallScheduled"), StatusesOf(9).Where(s => s != "InstallScheduled"));
    }

    [Fact]
    public async Task Untrusted_revoked_and_expired_certificates_are_refused_in_the_answer_and_nothing_starts()
    {
        await StartFirmwareSiteAsync(2, s => s with { RevokedSerials = new[] { "42" }.ToFrozenSet() });
        var warnings = WatchWarnings();
        Assert.Equal(UpdateFirmwareResponse.InvalidCertificate, await RequestUpdateAsync("cp-1", SignedRequest(10, "a.bin", Certificates.RsaSigner(serial: 0x10, untrusted: true))));
        await ExpectSecurityEventAsync(warnings, "update_firmware 10 answered InvalidCertificate");
        Assert.Equal(UpdateFirmwareResponse.RevokedCertificate, await RequestUpdateAsync("cp-1", SignedRequest(11, "b.bin", Certificates.RsaSigner(serial: 0x42))));
        await ExpectSecurityEventAsync(warnings, "update_firmware 11 answered RevokedCertificate");
        Assert.Equal(UpdateFirmwareResponse.InvalidCertificate, await RequestUpdateAsync("cp-1", SignedRequest(12, "c.bin", Certificates.RsaSigner(serial: 0x11, notAfter: Time.GetUtcNow().AddDays(-1)))));
        Assert.Equal(UpdateFirmwareResponse.InvalidCertificate, await RequestUpdateAsync("cp-1", SignedRequest(13, "d.bin", Certificates.RsaSigner()) with { SigningCertificate = null }));
        Assert.Equal(UpdateFirmwareResponse.Rejected, await RequestUpdateAsync("cp-1", SignedRequest(14, "e.bin", Certificates.RsaSigner()) with { Location = "ftp://example.invalid/e.bin" }));
        Assert.Equal(UpdateFirmwareResponse.Rejected, await RequestUpdateAsync("cp-1", SignedRequest(15, "f.bin", Certificates.RsaSigner()) with { Location = "file:///etc/passwd" }));

        await RunFirmwareForAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(Statuses);
        Assert.Equal(0, Server.ImageRequests);
        Assert.Equal(FirmwareStep.Idle, ChargerStep(await StepFirmwareAsync(), "cp-1").Step);
    }

    [Fact]
    public async Task A_malformed_request_is_answered_Rejected_and_nothing_starts()
    {
        await StartFirmwareSiteAsync(2);
        var module = Chargers.Single(c => c.ChargerId == "cp-1").SystemModuleId;
        await using var everest = Broker.CreateClient("malformed-requests");
        await everest.ConnectAsync();
        var replies = new ConcurrentQueue<string>();
        using var subscription = everest.OnMessage(reply => replies.Enqueue(Encoding.UTF8.GetString(reply.Payload.Span)));
        string ReplyTo(int i) => EverestTopic.ReplyFromModule(EverestApiType.System, module, $"malformed-{i}").ToString();

        // No location, a request id that is not a number, negative retries.
        string[] malformed = ["""{"request_id":16}""", $$"""{"request_id":"x","location":"{{Server.ImageUrl("m.bin")}}"}""", $$"""{"request_id":17,"location":"{{Server.ImageUrl("m.bin")}}","retries":-1}"""];
        for (var i = 0; i < malformed.Length; i++)
        {
            await everest.SubscribeAsync(ReplyTo(i));
            var request = $$"""{"headers":{"replyTo":"{{ReplyTo(i)}}"},"payload":{{malformed[i]}}}""";
            await everest.PublishAsync(new MqttMessage($"everest_api/1/system/{module}/e2m/update_firmware", Encoding.UTF8.GetBytes(request), MqttQos.AtLeastOnce));
            await WaitUntilAsync(() => replies.Count == i + 1, $"{malformed[i]} is answered");
        }

        Assert.All(replies, reply => Assert.Equal("\"Rejected\"", reply));
        await RunFirmwareForAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(Statuses);
        Assert.Equal(0, Server.ImageRequests);
    }

    [Fact]
    public async Task A_download_that_fails_twice_is_retried_after_retry_interval_s_and_then_installed()
    {
        await StartFirmwareSiteAsync(2);
        Server.FailNext = 2;
        var started = Time.GetUtcNow();
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(20, "flaky.bin", Certificates.RsaSigner(), retries: 3, retryIntervalS: 60)));

        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Downloaded || StatusesOf(20).Contains("Downloaded"), TimeSpan.FromMinutes(5), "the image is downloaded");
        Assert.Equal(3, Server.ImageRequests);
        Assert.True(Time.GetUtcNow() - started >= TimeSpan.FromSeconds(120), $"two retries 60 s apart (took {Time.GetUtcNow() - started})");
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(20).Contains("Installed"), TimeSpan.FromMinutes(2), "the update is installed and EVerest is told so");
        Assert.Equal(FullSequence.Where(s => s != "InstallScheduled"), StatusesOf(20).Where(s => s != "InstallScheduled"));
    }

    [Fact]
    public async Task A_download_that_keeps_failing_ends_in_DownloadFailed_after_its_retries()
    {
        await StartFirmwareSiteAsync(2);
        Server.FailNext = 100;
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(21, "gone.bin", Certificates.RsaSigner(), retries: 1, retryIntervalS: 5)));
        // The controller's step and the status it publishes to EVerest travel apart: wait for the published one too.
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.DownloadFailed && StatusesOf(21).Contains("DownloadFailed"), TimeSpan.FromMinutes(5), "the download fails for good and EVerest is told so");
        Assert.Equal(2, Server.ImageRequests);
        Assert.Equal(["Downloading", "DownloadFailed"], StatusesOf(21));
    }

    [Fact]
    public async Task The_controller_crashing_mid_install_rolls_the_update_back_and_gives_every_EVSE_back()
    {
        await StartFirmwareSiteAsync(2);
        Installer.Hold = true;
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(30, "crash.bin", Certificates.RsaSigner())));
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installing, TimeSpan.FromMinutes(5), "the installation runs");
        Assert.False(await SimulatedEnabledAsync("cp-1-1"));
        Assert.False(await SimulatedEnabledAsync("cp-1-2"));

        await CrashFirmwareAsync();
        Installer.Release("cp-1", InstallOutcome.Success);
        Installer.Hold = false;
        StartFirmwareActor();

        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.InstallationFailed && StatusesOf(30).Contains("InstallationFailed"), TimeSpan.FromSeconds(30), "the interrupted installation is reported failed to EVerest");
        await RunFirmwareUntilAsync(_ => SimulatedEnabledAsync("cp-1-1").Result && SimulatedEnabledAsync("cp-1-2").Result, TimeSpan.FromSeconds(30), "both EVSEs are back in service");
        var statuses = StatusesOf(30);
        Assert.Equal("InstallationFailed", statuses[^1]);
        Assert.Single(statuses, s => s == "Installing");
        Assert.Equal(statuses.Count, statuses.Distinct().Count());
    }

    [Fact]
    public async Task A_new_request_replaces_a_scheduled_one_with_AcceptedCanceled()
    {
        await StartFirmwareSiteAsync(2);
        var later = SignedRequest(40, "later.bin", Certificates.RsaSigner()) with { RetrieveTimestamp = Time.GetUtcNow().AddHours(1) };
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", later));
        await RunFirmwareUntilAsync(_ => StatusesOf(40).Contains("DownloadScheduled"), TimeSpan.FromMinutes(1), "the download is scheduled");
        Assert.Equal(UpdateFirmwareResponse.AcceptedCanceled, await RequestUpdateAsync("cp-1", SignedRequest(41, "now.bin", Certificates.RsaSigner())));
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed, TimeSpan.FromMinutes(2), "the newer update is installed");
        Assert.Equal(["DownloadScheduled"], StatusesOf(40));
    }

    [Fact]
    public async Task A_download_cut_by_a_controller_restart_starts_again_and_only_the_whole_image_is_reported_downloaded()
    {
        await StartFirmwareSiteAsync(2);
        Server.HoldImages = true;
        var request = SignedRequest(50, "restart.bin", Certificates.RsaSigner());
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", request));
        await WaitUntilAsync(() => Server.Held == 1, "the server sent half the image and holds the rest");

        // The controller stops mid-download; the connection of the download it was in is cut afterwards.
        await CrashFirmwareAsync();
        Server.HoldImages = false;
        Server.CutHeld();
        await WaitUntilAsync(() => Server.Busy == 0 && Downloads.Running == 0, "the cut download is over");
        Assert.DoesNotContain(Directory.EnumerateFiles(FirmwareSettings.Folder, "*", SearchOption.AllDirectories), path => !path.EndsWith(".part", StringComparison.Ordinal));
        Assert.Equal(["Downloading"], StatusesOf(50));

        StartFirmwareActor();
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(50).Contains("Installed"), TimeSpan.FromMinutes(2), "the update is downloaded again, installed and EVerest is told so");
        Assert.Equal(2, Server.ImageRequests);
        Assert.Equal(FullSequence.Where(s => s != "InstallScheduled"), StatusesOf(50).Where(s => s != "InstallScheduled"));
        Assert.Equal(Server.Images["restart.bin"], Assert.Single(Installer.Installed).Image);
    }

    [Fact]
    public async Task The_download_waits_for_retrieve_timestamp_and_the_installation_for_install_timestamp()
    {
        await StartFirmwareSiteAsync(2);
        var accepted = Time.GetUtcNow();
        var request = SignedRequest(60, "timed.bin", Certificates.RsaSigner()) with { RetrieveTimestamp = accepted.AddMinutes(1), InstallTimestamp = accepted.AddMinutes(2) };
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", request));

        await RunFirmwareUntilAsync(_ => Server.ImageRequests > 0, TimeSpan.FromMinutes(2), "the download starts");
        Assert.True(Time.GetUtcNow() >= accepted.AddMinutes(1), $"the download started {Time.GetUtcNow() - accepted} after the request, before retrieve_timestamp");
        await RunFirmwareUntilAsync(_ => !Installer.Installed.IsEmpty, TimeSpan.FromMinutes(2), "the installation starts");
        Assert.True(Time.GetUtcNow() >= accepted.AddMinutes(2), $"the installation started {Time.GetUtcNow() - accepted} after the request, before install_timestamp");
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(60).Contains("Installed"), TimeSpan.FromMinutes(2), "the update is installed and EVerest is told so");
        Assert.Equal(["DownloadScheduled", .. FullSequence], StatusesOf(60));
    }

    [Fact]
    public async Task With_wait_for_everest_allow_the_installation_starts_only_after_allow_firmware_installation()
    {
        await StartFirmwareSiteAsync(2, s => s with { WaitForEverestAllow = true });
        Assert.Equal(UpdateFirmwareResponse.Accepted, await RequestUpdateAsync("cp-1", SignedRequest(61, "allowed.bin", Certificates.RsaSigner())));

        await RunFirmwareUntilAsync(_ => !SimulatedEnabledAsync("cp-1-1").Result && !SimulatedEnabledAsync("cp-1-2").Result, TimeSpan.FromMinutes(1), "both EVSEs are out of service");
        await RunFirmwareForAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(Installer.Installed);
        var waiting = ChargerStep(await StepFirmwareAsync(), "cp-1");
        Assert.Equal(FirmwareStep.InstallScheduled, waiting.Step);
        Assert.Contains("allow_firmware_installation", waiting.Detail, StringComparison.Ordinal);

        await Simulator.NotifyAllowFirmwareInstallationAsync("cp-1");
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").Step == FirmwareStep.Installed && StatusesOf(61).Contains("Installed"), TimeSpan.FromMinutes(2), "the update is installed and EVerest is told so");
        Assert.Single(Installer.Installed);
        Assert.Equal(FullSequence, StatusesOf(61));
    }

    private async Task RunFirmwareForAsync(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            await StepFirmwareAsync();
        }
    }

    private async Task<T> AskAsync<T>(Task<Simulator.Site.ReversedReply<T>> reply)
    {
        var answered = await reply.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(answered.Answered);
        return answered.Value!;
    }
}
