using System.Collections;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Tests.Hosting;

/// <summary>The whole controller, booted through the production registration, on an in-memory broker against a hand-driven EVerest side.</summary>
public sealed class SiteHostingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InMemoryBroker broker = new();
    private InMemoryMqttTransport everest = null!;
    private InMemoryMqttTransport controller = null!;
    private MessageRecorder fromController = null!;

    public async Task InitializeAsync()
    {
        everest = broker.CreateClient("fake-everest");
        controller = broker.CreateClient("controller");
        await everest.ConnectAsync();
        await everest.SubscribeAsync("everest_api/1/+/+/m2e/#");
        fromController = new MessageRecorder(everest);
    }

    public async Task DisposeAsync()
    {
        fromController.Dispose();
        await everest.DisposeAsync();
        await controller.DisposeAsync();
    }

    [Fact]
    public async Task Start_publishes_communication_check_true_on_every_configured_api_instance()
    {
        await using var site = await StartAsync();

        await fromController.WaitUntilAsync(
            messages => TwoEvseSite.CommunicationCheckTopics.All(topic => messages.Any(m => m.Topic == topic && MessageRecorder.Text(m) == "true")),
            "communication_check true on " + string.Join(", ", TwoEvseSite.CommunicationCheckTopics),
            Patience);
        Assert.Equal(2, site.Plan.Evses.Count);
        Assert.Equal(TwoEvseSite.CommunicationCheckTopics.Order(StringComparer.Ordinal), site.CommunicationCheck.Topics);
    }

    [Fact]
    public async Task The_evse_fleet_is_in_the_actor_registry_under_its_key()
    {
        await using var site = await StartAsync();

        var registered = ActorRegistry.For(site.System).Get<EvseFleetKey>();

        Assert.Equal(site.Fleet, registered);
        Assert.Equal($"akka://{Everest.Site.Hosting.SiteHostingExtensions.ActorSystemName}/user/{Everest.Site.Hosting.EvseFleetHosting.ActorName}", registered.Path.ToString());
    }

    [Fact]
    public async Task The_site_actor_is_in_the_actor_registry_and_answers_with_the_site_status()
    {
        await using var site = await StartAsync();

        var registered = ActorRegistry.For(site.System).Get<Everest.Site.Site.SiteKey>();
        var status = await registered.Ask<Everest.Site.Site.SiteStatus>(Everest.Site.Site.GetSiteStatus.Instance, Patience);

        Assert.Equal($"akka://{Everest.Site.Hosting.SiteHostingExtensions.ActorSystemName}/user/{Everest.Site.Hosting.SiteActorHosting.ActorName}", registered.Path.ToString());
        Assert.Equal(site.Plan.Evses.Select(e => e.EvseId), status.Evses.Select(e => e.EvseId));
    }

    [Fact]
    public async Task Evse_actors_receive_what_everest_publishes()
    {
        await using var site = await StartAsync();
        var uuid = Guid.NewGuid().ToString();

        await PublishAsync(TwoEvseSite.FirstModule, "heartbeat", Encoding.UTF8.GetBytes("0"));
        await PublishAsync(TwoEvseSite.FirstModule, "session_event", EverestJson.Encode(new SessionEvent(
            uuid,
            SessionEventType.SessionStarted,
            DateTimeOffset.UtcNow,
            ConnectorId: 1,
            SessionStarted: new SessionStarted(StartSessionReason.EVConnected, new Powermeter(DateTimeOffset.UtcNow, new PhaseValues(Total: 1234))))));

        var snapshot = await EventuallyAsync(
            site,
            TwoEvseSite.FirstEvse,
            s => s.Live.Online && s.Live.LastSessionEvent?.Uuid == uuid && s.LastSequenceNr >= 1,
            "EVSE t-1-1 online with the session recorded");
        Assert.Equal(SessionEventType.SessionStarted, snapshot.Live.LastSessionEvent!.Event);
        var other = await site.SnapshotAsync(TwoEvseSite.SecondEvse);
        Assert.Null(other.Live.LastSessionEvent);
    }

    [Fact]
    public async Task System_requests_are_answered_by_the_charger_system_actor()
    {
        await using var site = await StartAsync();
        var replyTo = $"everest_api/1/system/{TwoEvseSite.SystemModule}/m2e/reply/{Guid.NewGuid()}";
        await fromController.WaitUntilAsync(messages => messages.Count > 0, "the controller's first message", Patience);

        await PublishAsync(TwoEvseSite.SystemModule, "get_boot_reason", Encoding.UTF8.GetBytes($$$"""{"headers":{"replyTo":"{{{replyTo}}}"}}"""), EverestApiType.System);
        await PublishAsync(TwoEvseSite.SystemModule, "is_reset_allowed", Encoding.UTF8.GetBytes($$$"""{"headers":{"replyTo":"{{{replyTo}}}-reset"},"payload":"Soft"}"""), EverestApiType.System);

        // A first start is a power-up; a Soft reset is allowed while no EVSE of the charger has a transaction.
        await fromController.WaitUntilAsync(m => m.Any(x => x.Topic == replyTo && MessageRecorder.Text(x) == "\"PowerUp\""), "get_boot_reason answered \"PowerUp\"", Patience);
        await fromController.WaitUntilAsync(m => m.Any(x => x.Topic == replyTo + "-reset" && MessageRecorder.Text(x) == "true"), "is_reset_allowed answered true", Patience);
        Assert.Equal(0, site.Responder.UnhandledRequests);
    }

    [Fact]
    public async Task Stopping_the_host_says_communication_check_false_everywhere_before_the_actor_system_ends()
    {
        var site = await StartAsync();
        await fromController.WaitUntilAsync(m => m.Any(x => MessageRecorder.Text(x) == "true"), "a first communication check", Patience);
        var system = site.System;
        var terminatedBeforeFarewell = false;
        using var farewell = everest.OnMessage(m => terminatedBeforeFarewell |= MessageRecorder.Text(m) == "false" && system.WhenTerminated.IsCompleted);

        await site.StopAsync();

        await fromController.WaitUntilAsync(
            messages => TwoEvseSite.CommunicationCheckTopics.All(topic => messages.Any(m => m.Topic == topic && MessageRecorder.Text(m) == "false")),
            "communication_check false on every instance",
            Patience);
        Assert.True(system.WhenTerminated.IsCompleted, "the actor system is terminated once the host has stopped");
        Assert.False(terminatedBeforeFarewell, "communication_check false is sent while the actors still run");
        Assert.Equal(0, site.Lifetime.ExitCode);
        var falses = fromController.Messages.Count(m => MessageRecorder.Text(m) == "false");
        await site.DisposeAsync();
        Assert.Equal(falses, fromController.Messages.Count(m => MessageRecorder.Text(m) == "false"));
    }

    [Fact]
    public async Task Disposing_without_a_stop_does_not_end_everests_supervision()
    {
        var site = await StartAsync();
        await fromController.WaitUntilAsync(m => m.Any(x => MessageRecorder.Text(x) == "true"), "a first communication check", Patience);
        var system = site.System;

        await site.DisposeAsync();

        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.DoesNotContain(fromController.Messages, m => MessageRecorder.Text(m) == "false");
    }

    [Fact]
    public async Task An_actor_system_that_terminates_on_its_own_stops_the_host_with_a_failure_exit_code()
    {
        await using var site = await StartAsync();
        await fromController.WaitUntilAsync(m => m.Any(x => MessageRecorder.Text(x) == "true"), "a first communication check", Patience);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = site.Stopping.Register(() => stopping.TrySetResult());

        await site.System.Terminate();

        await stopping.Task.WaitAsync(Patience);
        Assert.True(site.Lifetime.ActorSystemEndedOnItsOwn);
        Assert.Equal(1, site.Lifetime.ExitCode);
        Assert.DoesNotContain(fromController.Messages, m => MessageRecorder.Text(m) == "false");
    }

    [Fact]
    public async Task A_second_registration_under_the_fleet_key_fails_start_up()
    {
        var error = await Assert.ThrowsAsync<DuplicateActorRegistryException>(() => InProcessSite.StartAsync(
            TwoEvseSite.InMemory(),
            controller,
            configureAkka: (akka, _) => akka.WithActors((system, registry) => registry.Register<EvseFleetKey>(system.DeadLetters))));

        Assert.Contains(nameof(EvseFleetKey), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Akka_logs_through_microsoft_extensions_logging()
    {
        var logs = new RecordingLoggerProvider();
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), controller, logs: logs);

        site.System.Log.Warning("marker {0}", "from-akka");

        await logs.WaitUntilAsync(entry => entry.Message.Contains("marker from-akka", StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_akka_section_of_the_site_configuration_reaches_the_actor_system()
    {
        using var file = new TempConfig(TwoEvseSite.Hocon("provider = memory, client-id = \"hosting-test\"", "provider = memory") + """

            akka {
              actor.ask-timeout = 7s
              everest-site-test { marker = "from the site file" }
            }
            """);
        var configuration = SiteConfiguration.Load(file.Path, environment: new Hashtable());
        var options = SiteConfiguration.BindAndValidate(configuration);

        await using var site = await InProcessSite.StartAsync(options, controller, configuration);

        Assert.Equal("from the site file", site.System.Settings.Config.GetString("akka.everest-site-test.marker"));
        Assert.Equal(TimeSpan.FromSeconds(7), site.System.Settings.Config.GetTimeSpan("akka.actor.ask-timeout"));
    }

    [Fact]
    public async Task A_memory_broker_without_a_transport_is_refused_before_anything_starts()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => InProcessSite.StartAsync(TwoEvseSite.InMemory(), transport: null));
        Assert.Contains("mqtt.provider = memory", error.Message, StringComparison.Ordinal);
    }

    private Task<InProcessSite> StartAsync() => InProcessSite.StartAsync(TwoEvseSite.InMemory(), controller);

    private Task PublishAsync(string moduleId, string operation, byte[] body, EverestApiType api = EverestApiType.EvseManagerConsumer) =>
        everest.PublishAsync(new MqttMessage(EverestTopic.FromEverest(api, moduleId, operation).ToString(), body, MqttQos.AtLeastOnce));

    /// <summary>Asks the EVSE for its snapshot until <paramref name="condition"/> holds, failing after <see cref="Patience"/>.</summary>
    private static async Task<EvseSnapshot> EventuallyAsync(InProcessSite site, string evseId, Func<EvseSnapshot, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        EvseSnapshot? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await site.SnapshotAsync(evseId);
            if (condition(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.Fail($"Not within {Patience.TotalSeconds} s: {what}. Last snapshot: {last}");
        return last!;
    }
}
