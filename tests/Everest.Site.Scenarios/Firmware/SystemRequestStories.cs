using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Simulator.Site;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Firmware;

/// <summary>EVerest's other system requests: boot reason, resets, system time and log upload.</summary>
public sealed class SystemRequestStories(ITestOutputHelper output) : FirmwareScenario(output)
{
    [Fact]
    public async Task A_first_start_is_a_PowerUp_and_a_scheduled_reset_waits_for_the_transaction_then_is_the_next_boot_reason()
    {
        await StartFirmwareSiteAsync(2);
        Assert.Equal(BootReason.PowerUp, await AnswerAsync(Simulator.AskBootReasonAsync("cp-1")));

        await ArriveAsync("cp-1-1", stay: TimeSpan.FromMinutes(2));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-1").Result.TransactionOpen, TimeSpan.FromSeconds(30), "a car charges");
        Assert.False(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.Soft)));
        Assert.True(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.Hard)));

        await Simulator.NotifyResetAsync("cp-1", new ResetRequest(ResetType.Soft, Scheduled: true));
        await RunFirmwareForAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(BootReason.PowerUp, await AnswerAsync(Simulator.AskBootReasonAsync("cp-1")));

        await RunFirmwareUntilAsync(_ => !EvseStatusAsync("cp-1-1").Result.TransactionOpen, TimeSpan.FromMinutes(5), "the car left");
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").BootReason == BootReason.ScheduledReset.Value, TimeSpan.FromSeconds(10), "the reset is done");
        Assert.Equal(BootReason.ScheduledReset, await AnswerAsync(Simulator.AskBootReasonAsync("cp-1")));
        Assert.True(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.Soft)));

        await Simulator.NotifyResetAsync("cp-1", new ResetRequest(ResetType.Hard, Scheduled: false));
        await RunFirmwareUntilAsync(o => ChargerStep(o, "cp-1").BootReason == BootReason.RemoteReset.Value, TimeSpan.FromSeconds(10), "the immediate reset is done");
    }

    [Fact]
    public async Task Without_hard_reset_allowed_a_hard_reset_is_refused_while_a_car_charges_too()
    {
        await StartFirmwareSiteAsync(4, s => s with { HardResetAllowed = false });
        Assert.True(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.Hard)));

        await ArriveAsync("cp-1-2", stay: TimeSpan.FromMinutes(2));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-2").Result.TransactionOpen, TimeSpan.FromSeconds(30), "a car charges");
        Assert.False(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.Hard)));
        Assert.False(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-1", ResetType.NotSpecified)));
        Assert.True(await AnswerAsync(Simulator.AskIsResetAllowedAsync("cp-2", ResetType.Soft)));
    }

    [Fact]
    public async Task A_reset_runs_the_configured_reset_command_with_the_charger_id()
    {
        var written = Path.Combine(Folder, "reset.txt");
        var command = Path.Combine(Folder, "reset.sh");
        await File.WriteAllTextAsync(command, $"#!/bin/sh\nprintf '%s' \"$1\" > '{written}'\n");
        // A shell script run by its first line: it must be executable.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await StartFirmwareSiteAsync(2, s => s with { ResetCommand = command });
        await Simulator.NotifyResetAsync("cp-1", new ResetRequest(ResetType.Hard, Scheduled: false));

        await WaitUntilAsync(() => File.Exists(written) && File.ReadAllText(written) == "cp-1", "the reset command ran for cp-1");
        Assert.Equal(BootReason.RemoteReset, await AnswerAsync(Simulator.AskBootReasonAsync("cp-1")));
    }

    [Fact]
    public async Task Setting_the_system_time_without_a_configured_command_is_refused_and_logged_as_a_security_event()
    {
        await StartFirmwareSiteAsync(2);
        var warnings = WatchWarnings();
        Assert.False(await AnswerAsync(Simulator.RequestSetSystemTimeAsync("cp-1", Time.GetUtcNow().AddMinutes(5))));
        await ExpectSecurityEventAsync(warnings, "set_system_time");
    }

    [Fact]
    public async Task The_system_time_is_set_through_the_configured_command_and_logged_as_a_security_event()
    {
        var written = Path.Combine(Folder, "time.txt");
        var command = Path.Combine(Folder, "set-time.sh");
        await File.WriteAllTextAsync(command, $"#!/bin/sh\nprintf '%s' \"$1\" > '{written}'\n");
        // A shell script run by its first line: it must be executable.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await StartFirmwareSiteAsync(2, s => s with { SetTimeCommand = command });
        var warnings = WatchWarnings();

        var time = new DateTimeOffset(2031, 5, 6, 7, 8, 9, 250, TimeSpan.Zero);
        Assert.True(await AnswerAsync(Simulator.RequestSetSystemTimeAsync("cp-1", time)));
        Assert.Equal(time, DateTimeOffset.Parse(await File.ReadAllTextAsync(written), System.Globalization.CultureInfo.InvariantCulture));
        await ExpectSecurityEventAsync(warnings, "set_system_time to 2031-05-06T07:08:09");
    }

    [Fact]
    public async Task Logs_are_packed_with_the_charger_journal_and_uploaded_with_PUT()
    {
        var logFile = Path.Combine(Folder, "everest-site.log");
        await File.WriteAllTextAsync(logFile, "a log line\n");
        await StartFirmwareSiteAsync(2, s => s with { LogFiles = [logFile] });
        await ArriveAsync("cp-1-1", stay: TimeSpan.FromMinutes(1));
        await RunFirmwareUntilAsync(_ => EvseStatusAsync("cp-1-1").Result.TransactionOpen, TimeSpan.FromSeconds(30), "a car charges");

        var reply = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest(new Uri(Server.BaseAddress, "logs/").ToString(), RequestId: 5)));
        Assert.Equal(UploadLogsStatus.Accepted, reply.UploadLogsStatus);
        Assert.EndsWith(".tar.gz", reply.FileName, StringComparison.Ordinal);
        await WaitUntilAsync(() => LogStatuses.Contains("Uploaded"), "the logs are uploaded");
        Assert.Equal(["Uploading", "Uploaded"], LogStatuses);

        var entries = ReadTarGz(Server.Uploads[reply.FileName!]);
        Assert.Equal("a log line\n", entries["everest-site.log"]);
        Assert.Contains("evse-cp-1-1", entries["journal.txt"], StringComparison.Ordinal);
        Assert.Contains("BootReasonRecorded", entries["journal.txt"], StringComparison.Ordinal);
        Assert.DoesNotContain("evse-cp-2", entries["journal.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_the_server_forbids_ends_in_PermissionDenied_and_an_unsupported_scheme_is_rejected()
    {
        await StartFirmwareSiteAsync(2);
        Server.UploadStatus = 403;
        var reply = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest(new Uri(Server.BaseAddress, "logs/").ToString(), Retries: 3, RequestId: 6)));
        Assert.Equal(UploadLogsStatus.Accepted, reply.UploadLogsStatus);
        await WaitUntilAsync(() => LogStatuses.Contains("PermissionDenied"), "the upload is refused");
        Assert.Equal(["Uploading", "PermissionDenied"], LogStatuses);

        var rejected = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest("ftp://logs.example/", RequestId: 7)));
        Assert.Equal(UploadLogsStatus.Rejected, rejected.UploadLogsStatus);
    }

    [Fact]
    public async Task A_new_upload_request_cancels_the_running_upload_and_is_answered_AcceptedCanceled()
    {
        await StartFirmwareSiteAsync(2);
        Server.HoldUploads = true;
        var location = new Uri(Server.BaseAddress, "logs/").ToString();

        // Two requests without a request id (as from a classic GetDiagnostics): both are -1.
        var first = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest(location)));
        Assert.Equal(UploadLogsStatus.Accepted, first.UploadLogsStatus);
        await WaitUntilAsync(() => Server.HeldUploads == 1, "the first upload reached the server, which holds it");
        Server.HoldUploads = false;
        var second = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest(location)));
        Assert.Equal(UploadLogsStatus.AcceptedCanceled, second.UploadLogsStatus);

        await WaitUntilAsync(() => Server.AbortedUploads == 1, "the controller gave the first upload up");
        await WaitUntilAsync(() => LogStatuses.Contains("Uploaded"), "the second upload is done");
        Assert.Equal(["Uploading", "Uploading", "Uploaded"], LogStatuses);
        Assert.Equal(2, Server.UploadRequests);
    }

    [Fact]
    public async Task An_upload_that_keeps_failing_is_retried_and_ends_in_UploadFailure()
    {
        await StartFirmwareSiteAsync(2);
        Server.UploadStatus = 500;
        var reply = await AnswerAsync(Simulator.RequestUploadLogsAsync("cp-1", new UploadLogsRequest(new Uri(Server.BaseAddress, "logs/").ToString(), Retries: 2, RetryIntervalS: 20, RequestId: 8)));
        Assert.Equal(UploadLogsStatus.Accepted, reply.UploadLogsStatus);

        // Packing the logs (a journal read) is real work on the wall clock: virtual time moves only once the first
        // attempt reached the server; then it moves the retries on, which wait on the controller's clock.
        await WaitUntilAsync(() => Server.UploadRequests >= 1, "the first attempt reached the server");
        await RunFirmwareUntilAsync(_ => LogStatuses.Contains("UploadFailure"), TimeSpan.FromMinutes(2), "the upload fails for good");
        Assert.Equal(3, Server.UploadRequests);
        Assert.Equal(["Uploading", "UploadFailure"], LogStatuses);
        Assert.Empty(Server.Uploads);
    }

    private static async Task<T> AnswerAsync<T>(Task<ReversedReply<T>> reply)
    {
        var answered = await reply.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(answered.Answered, $"answered ({answered.Record.Operation})");
        return answered.Value!;
    }

    private async Task RunFirmwareForAsync(TimeSpan duration)
    {
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            await StepFirmwareAsync();
        }
    }

    private static Dictionary<string, string> ReadTarGz(byte[] package)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(package), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            using var reader = new StreamReader(entry.DataStream!, Encoding.UTF8);
            entries[entry.Name] = reader.ReadToEnd();
        }

        return entries;
    }
}
