using System.Text;
using System.Text.Json;
using Everest.Site.Diagnostics;
using Everest.Site.EverestApi;
using Everest.Site.Mqtt;
using Everest.Site.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Everest.Site.Tests.Diagnostics;

/// <summary>The <c>Everest.Site</c> meter and the health checks, on the controller booted through the production registration.</summary>
public sealed class SiteMetricsTests : IAsyncLifetime
{
    private InMemoryEverestSide side = null!;

    public async Task InitializeAsync() => side = await InMemoryEverestSide.ConnectAsync();

    public async Task DisposeAsync() => await side.DisposeAsync();

    [Fact]
    public async Task Messages_in_and_out_are_counted_by_api_direction_and_operation_never_by_module_id()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), side.Controller);
        using var recorder = new MeasurementRecorder(site.Services.GetRequiredService<SiteMetrics>().Meter);

        await PublishAsync(TwoEvseSite.FirstModule, "heartbeat", "0");

        await EventuallyAsync(() => recorder.Of("everest_site.mqtt.messages_received").Any(m =>
            m.Tag("api") == "evse_manager_consumer" && m.Tag("direction") == "e2m" && m.Tag("operation") == "heartbeat"), "the heartbeat counted as received");
        await EventuallyAsync(() => recorder.Of("everest_site.mqtt.messages_published").Any(m =>
            m.Tag("api") == "evse_manager_consumer" && m.Tag("direction") == "m2e" && m.Tag("operation") == "communication_check"), "a communication check counted as published");
        var tagValues = recorder.Of("everest_site.mqtt.messages_received").Concat(recorder.Of("everest_site.mqtt.messages_published")).SelectMany(m => m.Tags.Values);
        Assert.DoesNotContain(tagValues, value => value is not null && value.Contains(TwoEvseSite.FirstModule, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payload_rejected_at_the_edge_is_counted_by_its_reason()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), side.Controller);
        using var recorder = new MeasurementRecorder(site.Services.GetRequiredService<SiteMetrics>().Meter);
        Assert.DoesNotContain(recorder.Of("everest_site.everest_api.rejected_payloads"), m => m.Tag("reason") == nameof(RejectionReason.MalformedJson));

        await PublishAsync(TwoEvseSite.FirstModule, "session_event", "{\"uuid\": ");

        await EventuallyAsync(() => recorder.Of("everest_site.everest_api.rejected_payloads").Any(m =>
            m.Tag("reason") == nameof(RejectionReason.MalformedJson) && m.Value >= 1), "the malformed session_event counted under MalformedJson");
    }

    [Fact]
    public async Task A_journal_write_is_measured_and_the_journal_health_check_reports_it()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), side.Controller);
        var metrics = site.Services.GetRequiredService<SiteMetrics>();
        using var recorder = new MeasurementRecorder(metrics.Meter);
        var health = site.Services.GetRequiredService<HealthCheckService>();
        var before = await health.CheckHealthAsync(r => r.Name == JournalHealthCheck.Name);
        Assert.Equal("no journal write yet", before.Entries[JournalHealthCheck.Name].Description);

        await side.PublishAsync(TwoEvseSite.FirstModule, "session_event", InMemoryEverestSide.SessionStarted(Guid.NewGuid().ToString()));

        await EventuallyAsync(() => recorder.Of("everest_site.journal.write.events").Any(m => m.Value >= 1), "a journal write of at least one event");
        Assert.NotEmpty(recorder.Of("everest_site.journal.write.duration"));
        var after = await health.CheckHealthAsync(r => r.Name == JournalHealthCheck.Name);
        Assert.Equal(HealthStatus.Healthy, after.Entries[JournalHealthCheck.Name].Status);
        Assert.Equal("the last journal write succeeded", after.Entries[JournalHealthCheck.Name].Description);

        metrics.JournalWriteFailed("disk full", DateTimeOffset.UtcNow);
        var failed = await health.CheckHealthAsync(r => r.Name == JournalHealthCheck.Name);
        Assert.Equal(HealthStatus.Unhealthy, failed.Entries[JournalHealthCheck.Name].Status);
        Assert.Contains("disk full", failed.Entries[JournalHealthCheck.Name].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocator_runs_are_timed_once_every_evse_has_reported()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), side.Controller);
        using var recorder = new MeasurementRecorder(site.Services.GetRequiredService<SiteMetrics>().Meter);

        await PublishAsync(TwoEvseSite.FirstModule, "heartbeat", "0");
        await PublishAsync(TwoEvseSite.SecondModule, "heartbeat", "0");

        await EventuallyAsync(() => recorder.Of("everest_site.allocation.duration").Any(m => m.Value >= 0), "an allocator run measured");
    }

    [Fact]
    public async Task Health_follows_the_broker_connection_and_the_projection_lag()
    {
        await using var site = await InProcessSite.StartAsync(TwoEvseSite.InMemory(), side.Controller);
        var metrics = site.Services.GetRequiredService<SiteMetrics>();
        using var recorder = new MeasurementRecorder(metrics.Meter);
        var health = site.Services.GetRequiredService<HealthCheckService>();

        var connected = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, connected.Status);
        Assert.Equal(["actor-system", JournalHealthCheck.Name, MqttBrokerHealthCheck.Name, ProjectionLagHealthCheck.Name], connected.Entries.Keys.Order(StringComparer.Ordinal));

        metrics.ReportProjectionLag("billing", TimeSpan.FromMinutes(5));
        var behind = await health.CheckHealthAsync(r => r.Name == ProjectionLagHealthCheck.Name);
        Assert.Equal(HealthStatus.Degraded, behind.Status);
        Assert.Contains(recorder.Of("everest_site.projection.lag"), m => m.Tag("projection") == "billing" && m.Value == 300);
        metrics.ReportProjectionLag("billing", TimeSpan.Zero);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Name == ProjectionLagHealthCheck.Name)).Status);

        await side.Controller.DisconnectAsync();
        var disconnected = await health.CheckHealthAsync(r => r.Name == MqttBrokerHealthCheck.Name);
        Assert.Equal(HealthStatus.Unhealthy, disconnected.Status);
    }

    [Fact]
    public async Task Request_latency_is_recorded_with_api_operation_and_outcome()
    {
        using var metrics = new SiteMetrics();
        using var recorder = new MeasurementRecorder(metrics.Meter);
        await using var client = new EverestApiClient(side.Controller, new EverestApiOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System, NullLogger<EverestApiClient>.Instance, metrics);
        await side.Controller.ConnectAsync();
        using var answering = side.Everest.OnMessage(message =>
        {
            if (message.Topic.EndsWith("/m2e/pause_charging", StringComparison.Ordinal))
            {
                var replyTo = JsonDocument.Parse(message.Payload).RootElement.GetProperty("headers").GetProperty("replyTo").GetString()!;
                _ = side.Everest.PublishAsync(new MqttMessage(replyTo, Encoding.UTF8.GetBytes("true"), MqttQos.AtLeastOnce));
            }
        });
        var evse = new EvseManagerClient(client, TwoEvseSite.FirstModule);

        Assert.True(await evse.PauseChargingAsync());
        await Assert.ThrowsAsync<EverestRequestTimeoutException>(() => evse.ResumeChargingAsync());

        var durations = recorder.Of("everest_site.everest_api.request.duration");
        Assert.Contains(durations, m => m.Tag("api") == "evse_manager_consumer" && m.Tag("operation") == "pause_charging" && m.Tag("outcome") == "replied");
        Assert.Contains(durations, m => m.Tag("operation") == "resume_charging" && m.Tag("outcome") == "timed_out");
    }

    [Theory]
    [InlineData("everest_api/1/evse_manager_consumer/evse_api_1/e2m/session_event", "evse_manager_consumer", "e2m", "session_event")]
    [InlineData("everest_api/1/evse_manager_consumer/evse_api_1/e2m/made_up_operation", "evse_manager_consumer", "e2m", "other")]
    [InlineData("everest_api/1/evse_manager_consumer/evse_api_1/e2m/pause_charging/5f0c", "evse_manager_consumer", "e2m", "reply")]
    [InlineData("everest_api/1/system/system_api_1/m2e/reply/5f0c", "system", "m2e", "reply")]
    [InlineData("everest-site/depot-1/status", "other", "other", "other")]
    public void Topic_kinds_keep_only_api_direction_and_a_known_operation(string topic, string api, string direction, string operation) =>
        Assert.Equal(new TopicKind(api, direction, operation), TopicKind.Of(topic));

    private Task PublishAsync(string moduleId, string operation, string body) => side.PublishAsync(moduleId, operation, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_transport_s_dropped_messages_are_counted_by_reason_and_its_waiting_messages_reported()
    {
        using var metrics = new SiteMetrics();
        using var recorder = new MeasurementRecorder(metrics.Meter);
        Assert.Empty(recorder.Of(SiteMetrics.MessagesDroppedName));

        var statistics = new MqttTransportStatistics(MessagesReceived: 500, MessagesPublished: 0, HandlerErrors: 0, Reconnects: 0)
        {
            MessagesDropped = new MqttDroppedMessages(QueueFull: 120, ConnectionEnded: 3),
            MessagesWaiting = 42,
        };
        metrics.ObserveTransport(() => statistics);

        var dropped = recorder.Of(SiteMetrics.MessagesDroppedName);
        Assert.Equal(120, Assert.Single(dropped, m => m.Tag("reason") == "queue_full").Value);
        Assert.Equal(3, Assert.Single(dropped, m => m.Tag("reason") == "connection_ended").Value);
        Assert.Equal(42, recorder.Of("everest_site.mqtt.messages_waiting").Last().Value);
    }

    private static Task EventuallyAsync(Func<bool> condition, string what) => InMemoryEverestSide.EventuallyAsync(condition, what);
}
