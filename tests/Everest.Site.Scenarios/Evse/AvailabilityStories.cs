using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;
using Recorded = Everest.Site.Domain.Evse.History;

namespace Everest.Site.Scenarios.Evse;

public sealed class AvailabilityStories(ITestOutputHelper output) : EvseScenario(output)
{
    [Fact]
    public async Task An_EVSE_whose_heartbeat_stops_goes_offline_and_comes_back_with_the_next_heartbeat()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await Statuses.FishForMessageAsync<EvseStatusChanged>(s => s.Status.Online);

        // Just before the timeout nothing happens; at the timeout the EVSE is offline.
        Time.Advance(HeartbeatTimeout - TimeSpan.FromMilliseconds(1));
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var offline = await ExpectHistoryAsync<WentOffline>();
        Assert.NotNull(offline.LastHeartbeatAt);
        await Statuses.FishForMessageAsync<EvseStatusChanged>(s => !s.Status.Online);

        // Silence goes on: it is recorded once, not again and again.
        Time.Advance(HeartbeatTimeout * 3);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        await Everest.HeartbeatAsync();
        await ExpectHistoryAsync<CameOnline>();
        Assert.True((await SnapshotAsync()).Live.Online);
    }

    [Fact]
    public async Task Heartbeats_within_the_timeout_keep_the_EVSE_online()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        for (var i = 0; i < 5; i++)
        {
            Time.Advance(HeartbeatTimeout - TimeSpan.FromSeconds(1));
            await Everest.HeartbeatAsync();
            await AwaitSnapshotAsync(s => s.Live.LastHeartbeatAt == Time.GetUtcNow(), "the heartbeat is processed");
        }

        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.True((await SnapshotAsync()).History.Online);
    }

    [Fact]
    public async Task A_command_to_an_offline_EVSE_fails_at_once_without_being_sent()
    {
        await StartEvseAsync();

        var result = await CommandAsync(new PauseCharging("grid limit"));

        Assert.False(result.Succeeded);
        Assert.Contains("offline", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal("pause_charging", result.Operation);
        Assert.Empty(Everest.Received);
    }

    [Fact]
    public async Task A_command_without_a_reply_is_reported_as_failed_after_the_request_timeout()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        Everest.DoNotAnswer("pause_charging");

        var pending = CommandAsyncWithoutWaiting(new PauseCharging("grid limit"));
        await AwaitConditionAsync(() => Everest.CountReceived("pause_charging") == 1, Patience, "pause_charging reaches EVerest");
        Assert.False(pending.IsCompleted);
        Time.Advance(RequestTimeout);

        var result = await pending;
        Assert.False(result.Succeeded);
        Assert.Contains("no reply", result.FailureReason, StringComparison.Ordinal);

        // The request had no effect, so a later EVSE-side pause is not the site's.
        await StartTransactionAsync();
        await Everest.SessionEventAsync("s-1", SessionEventType.ChargingPausedEVSE);
        await ExpectHistoryAsync<ChargingPaused>(p => p.Cause == PauseCause.Evse);
    }

    [Fact]
    public async Task External_limits_go_to_the_configured_energy_limits_module_and_fail_clearly_without_one()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        var limits = new ExternalLimits([], [], []);

        var sent = await CommandAsync(new SetExternalLimits(limits));
        Assert.True(sent.Succeeded, sent.FailureReason);
        await AwaitConditionAsync(() => Everest.CountReceived("set_external_limits") == 1, Patience, "set_external_limits reaches the limits module");
        Assert.Equal(EverestApiType.ExternalEnergyLimitsConsumer, Everest.Received.Single(r => r.Operation == "set_external_limits").Api);

        await StopFleetAsync();
        await StartEvseAsync(Settings(limitsModuleId: null));
        await Everest.HeartbeatAsync();
        await AwaitSnapshotAsync(s => s.Live.Online, "the EVSE is online");
        var refused = await CommandAsync(new SetExternalLimits(limits));
        Assert.False(refused.Succeeded);
        Assert.Contains("energy-limits-module-id", refused.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, Everest.CountReceived("set_external_limits"));
    }

    [Fact]
    public async Task Every_command_reaches_EVerest_as_its_operation()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        IEvseCommand[] commands =
        [
            new StopTransaction(StopTransactionReason.Remote), new ForceUnlock(1), new ExternalReadyToStartCharging(),
            new SendAuthorizeResponse(new AuthorizeResponseArgs(Wire.Card, new ValidationResult(AuthorizationStatus.Accepted))),
            new WithdrawAuthorization(), new EnableRandomDelay(), new DisableRandomDelay(), new CancelRandomDelay(), new SetRandomDelayDuration(600),
        ];

        foreach (var command in commands)
        {
            var result = await CommandAsync(command);
            Assert.True(result.Succeeded, $"{command.Operation}: {result.FailureReason}");
        }

        await AwaitConditionAsync(() => commands.All(c => Everest.CountReceived(c.Operation) == 1), Patience, "every command reaches EVerest once");
        Assert.Equal("600", Everest.Received.Single(r => r.Operation == "random_delay_set_duration_s").PayloadJson);
        Assert.Contains("\"reason\":\"Remote\"", Everest.Received.Single(r => r.Operation == "stop_transaction").PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_for_the_site_is_published_only_when_it_changes()
    {
        await StartEvseAsync();
        await BringOnlineAsync();
        await Everest.PublishAsync("hw_capabilities", Wire.ThreePhase32A);
        var withHardware = await Statuses.FishForMessageAsync<EvseStatusChanged>(s => s.Status.MaxCurrentA == 32);
        Assert.Equal((6.0, 3), (withHardware.Status.MinCurrentA, withHardware.Status.PhasesInUse));

        // The same capabilities and a reading that rounds to the same currents change nothing.
        var now = Time.GetUtcNow();
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(now, 100, currentA: 15.98));
        await Statuses.FishForMessageAsync<EvseStatusChanged>(s => s.Status.MeasuredCurrent == new PhaseCurrents(16, 16, 16));
        await Everest.PublishAsync("hw_capabilities", Wire.ThreePhase32A);
        await Everest.PublishAsync("powermeter", FakeEverest.Meter(now.AddSeconds(1), 100, currentA: 16.02));
        await Everest.PublishAsync("evse_id", "DEPNXE123456*1");
        await AwaitSnapshotAsync(s => s.Live.EvseId is not null, "the publications are processed");
        await Statuses.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        await Everest.PublishAsync("ac_nr_of_phases_available", 1);
        var onePhase = await Statuses.ExpectMsgAsync<EvseStatusChanged>();
        Assert.Equal(1, onePhase.Status.PhasesInUse);
    }

    private Task<EvseCommandResult> CommandAsyncWithoutWaiting(IEvseCommand command) =>
        AskEvseAsync<EvseCommandResult>(command);

    private async Task StartTransactionAsync()
    {
        var now = Time.GetUtcNow();
        await Everest.SessionEventAsync("s-1", SessionEventType.SessionStarted, Wire.Started(StartSessionReason.EVConnected, 0, now));
        await Everest.SessionEventAsync("s-1", SessionEventType.TransactionStarted, Wire.TransactionStarted(0, now));
        await Everest.SessionEventAsync("s-1", SessionEventType.ChargingStarted);
        await ExpectHistoryAsync<Recorded.SessionStarted>();
        await ExpectHistoryAsync<Recorded.TransactionStarted>();
        await ExpectHistoryAsync<ChargingStarted>();
    }
}
