using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Json;
using Everest.Site.IntegrationTests.Support;
using Everest.Site.Mqtt;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// The reproductions of issue 14 that lost or duplicated sessions, flooded the log or grew memory before it was
/// fixed, each as the fault of a row of its own. The full disk of reproduction 2 is the suite's full-disk row, its
/// database outage the PostgreSQL row. Each returns the row's notes: the measured figures (log lines and volume during
/// the fault, what was sent); a security property that does not hold fails the row at once.
/// </summary>
internal sealed class IssueReproductions(ReliabilitySize size, string folder)
{
    private const string SessionEvent = "session_event";

    /// <summary>A powermeter total that does not fit a double: read as infinity, it once failed the EVSE actor.</summary>
    private const string InfinitePowermeter = "{\"timestamp\":\"2026-03-02T08:00:00Z\",\"energy_Wh_import\":{\"total\":1e400}}";

    private bool IsFull => size == ReliabilitySize.Full;

    /// <summary>1: a retained powermeter of <c>1e400</c> on one EVSE every 6 s (3 min at full size, 1 min at quick).</summary>
    public async Task<string> InfinitePowermeterAsync(FaultContext context)
    {
        var module = FirstEvseModule(context);
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, module, "powermeter").ToString();
        var duration = IsFull ? TimeSpan.FromMinutes(3) : TimeSpan.FromMinutes(1);
        var logs = LogMark.Of(context.Controller);
        await using var attacker = await SiteWatcher.ConnectAsync(context.Broker, "reliability-infinite-powermeter");
        var sent = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromSeconds(6))
        {
            await attacker.PublishAsync(new MqttMessage(topic, Encoding.UTF8.GetBytes(InfinitePowermeter), MqttQos.AtLeastOnce, Retain: true));
            sent++;
            await FaultContext.WaitAsync(TimeSpan.FromSeconds(6));
        }

        // The retained message stays until it is cleared: a controller started now would still get it first.
        await attacker.PublishAsync(new MqttMessage(topic, ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, Retain: true));
        return $"{sent} retained 1e400 powermeters on {module} every 6 s; {logs.Since(context.Controller)}";
    }

    /// <summary>3: <c>hw_capabilities</c> alternating on one EVSE, 5,000 a second for 13 s.</summary>
    public async Task<string> CapabilitiesFloodAsync(FaultContext context)
    {
        const int perSecond = 5_000;
        const int seconds = 13;
        var module = FirstEvseModule(context);
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, module, "hw_capabilities").ToString();
        byte[][] alternating = [Capabilities(16), Capabilities(32)];
        var logs = LogMark.Of(context.Controller);
        await using var attacker = await SiteWatcher.ConnectAsync(context.Broker, "reliability-capabilities-flood");
        var watch = Stopwatch.StartNew();
        var sent = 0;
        for (var second = 0; second < seconds; second++)
        {
            // A tenth of a second's worth at a time, paced on the wall clock.
            for (var slice = 0; slice < 10; slice++)
            {
                var batch = new List<Task>();
                for (var i = 0; i < perSecond / 10; i++, sent++)
                {
                    batch.Add(attacker.PublishAsync(new MqttMessage(topic, alternating[sent % 2], MqttQos.AtMostOnce)));
                }

                await Task.WhenAll(batch);
                var due = TimeSpan.FromMilliseconds(((second * 10) + slice + 1) * 100) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{sent:N0} hw_capabilities on {module} in {watch.Elapsed.TotalSeconds:0.0} s; {logs.Since(context.Controller)}");
    }

    /// <summary>
    /// 4: every session event of the sessions finished so far replayed three times; copies of their transaction
    /// starts under new uuids with meter totals of ±1e308, negative energy, the years 0001 and 9999 and a 10 MB id
    /// token; a powermeter dated 2099 on every EVSE. None may store a transaction, none may duplicate one.
    /// </summary>
    public async Task<string> ReplaysAndAbsurdFactsAsync(FaultContext context)
    {
        await using var recorder = await SiteWatcher.ConnectAsync(
            context.Broker, "reliability-replayer", EverestTopic.PublicationFilter(EverestApiType.EvseManagerConsumer, SessionEvent));

        // Let a first car on each EVSE finish, so that there are finished sessions to replay.
        var evses = context.Simulator.Options.Chargers.Sum(c => c.Evses.Count);
        await Eventually.HoldsAsync(
            () => context.Simulator.GroundTruth.Sessions.Count(s => s.FinishedAt is not null) >= evses,
            TimeSpan.FromMinutes(2),
            () => $"{evses} finished sessions to replay");
        var recorded = recorder.Drain();
        var finished = context.Simulator.GroundTruth.Sessions.Where(s => s.FinishedAt is not null).Select(s => s.SessionUuid).ToHashSet(StringComparer.Ordinal);
        var replayed = recorded.Where(m => UuidOf(m) is { } uuid && finished.Contains(uuid)).ToList();
        var logs = LogMark.Of(context.Controller);
        for (var round = 0; round < 3; round++)
        {
            foreach (var message in replayed)
            {
                await recorder.PublishAsync(message with { Qos = MqttQos.AtLeastOnce, Retain = false });
            }
        }

        var absurd = 0;
        foreach (var start in replayed.Where(m => EventOf(m) == "TransactionStarted").Take(evses))
        {
            foreach (var mutate in AbsurdFacts)
            {
                var body = JsonNode.Parse(start.Payload.Span)!.AsObject();
                body["uuid"] = $"absurd-{absurd++}";
                mutate(body);
                await recorder.PublishAsync(new MqttMessage(start.Topic, Encoding.UTF8.GetBytes(body.ToJsonString()), MqttQos.AtLeastOnce));
            }
        }

        foreach (var module in context.Simulator.Options.Chargers.SelectMany(c => c.Evses).Select(e => e.ModuleId))
        {
            await recorder.PublishAsync(new MqttMessage(
                EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, module, "powermeter").ToString(),
                "{\"timestamp\":\"2099-01-01T00:00:00Z\",\"energy_Wh_import\":{\"total\":1000}}"u8.ToArray(),
                MqttQos.AtLeastOnce));
        }

        return $"{replayed.Count} events of {finished.Count} finished sessions replayed 3 times, {absurd} absurd transaction starts, {evses} powermeters dated 2099; {logs.Since(context.Controller)}";
    }

    /// <summary>5: a SIGKILL right after a session event was published (10 times), the controller started again each time.</summary>
    public async Task<string> KillsAfterSessionEventsAsync(FaultContext context)
    {
        const int kills = 10;
        await using var watcher = await SiteWatcher.ConnectAsync(
            context.Broker, "reliability-session-watcher", EverestTopic.PublicationFilter(EverestApiType.EvseManagerConsumer, SessionEvent));
        var done = 0;
        var kinds = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (done < kills && !timeout.IsCancellationRequested)
        {
            watcher.Drain();
            try
            {
                var message = await watcher.Received.ReadAsync(timeout.Token);
                await context.KillAndRestartAsync();
                kinds.Add(EventOf(message) ?? "?");
                done++;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Assert.True(done == kills, $"Only {done} of {kills} session events came to kill after within 3 minutes.");
        return $"{done} SIGKILLs right after {string.Join(", ", kinds.GroupBy(k => k, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}";
    }

    /// <summary>
    /// 6: reversed requests whose <c>replyTo</c> points at another module's <c>communication_check</c> or outside the
    /// EVerest API (20,000 at quick size, 50,000 at full), then 2,000 messages on topics with 60 kB module ids.
    /// Nothing may be published there; the log must not flood.
    /// </summary>
    public async Task<string> HostileReplyToAsync(FaultContext context)
    {
        var requests = IsFull ? 50_000 : 20_000;
        const int longTopics = 2_000;
        var charger = context.Simulator.Options.Chargers[0];
        var victimCheck = EverestTopic.ToEverest(EverestApiType.EvseManagerConsumer, charger.Evses[0].ModuleId, EverestApiContract.CommunicationCheck).ToString();
        string[] victims = [victimCheck, "victim/elsewhere"];
        await using var attacker = await SiteWatcher.ConnectAsync(context.Broker, "reliability-replyto-attacker", victimCheck, "victim/#");
        (EverestApiType Api, string Module, string Operation)[] targets =
        [
            .. EverestApiContract.For(EverestApiType.System).Where(o => o.Kind == OperationKind.ReversedRequest).Select(o => (EverestApiType.System, charger.SystemModuleId, o.Name)),
            .. EverestApiContract.For(EverestApiType.OcppConsumer).Where(o => o.Kind == OperationKind.ReversedRequest).Select(o => (EverestApiType.OcppConsumer, charger.OcppModuleId, o.Name)),
        ];
        var logs = LogMark.Of(context.Controller);
        var watch = Stopwatch.StartNew();
        var batch = new List<Task>();
        for (var i = 0; i < requests; i++)
        {
            var (api, module, operation) = targets[i % targets.Length];
            var body = EverestJson.EncodeRequest(victims[i % victims.Length], null, null);
            batch.Add(attacker.PublishAsync(new MqttMessage(EverestTopic.FromEverest(api, module, operation).ToString(), body, MqttQos.AtMostOnce)));
            if (batch.Count == 500)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        for (var i = 0; i < longTopics; i++)
        {
            var module = i.ToString(CultureInfo.InvariantCulture).PadRight(60_000, 'x');
            batch.Add(attacker.PublishAsync(new MqttMessage(EverestTopic.FromEverest(EverestApiType.System, module, "get_boot_reason").ToString(), EverestJson.EncodeRequest("victim/long", null, null), MqttQos.AtMostOnce)));
            if (batch.Count == 100)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
        var published = watch.Elapsed;

        // Give the controller the time to answer whatever it was going to answer, before counting.
        await FaultContext.WaitAsync(TimeSpan.FromSeconds(5));
        var written = attacker.Drain().Where(m => m.Topic != victimCheck || !m.Payload.Span.SequenceEqual("true"u8)).ToList();
        Assert.True(written.Count == 0,
            $"The controller published {written.Count} replies where a hostile replyTo pointed, e.g. on {written.FirstOrDefault()?.Topic[..Math.Min(80, written[0].Topic.Length)]}.");
        return string.Create(CultureInfo.InvariantCulture,
            $"{requests:N0} hostile replyTo + {longTopics:N0} 60 kB topics in {published.TotalSeconds:0.0} s, 0 replies written; {logs.Since(context.Controller)}");
    }

    /// <summary>
    /// 7: the retained status says <c>online</c> (also after a SIGKILL), the journal and its folder are owner-only,
    /// and <c>config check</c> prints none of the MQTT password, PostgreSQL connection string and API token.
    /// </summary>
    public async Task<string> SecretsFilesAndStatusAsync(FaultContext context)
    {
        const string statusTopic = "everest-site/crash-test/status";
        await AssertStatusAsync(context, statusTopic, "at start");
        await context.KillAndRestartAsync();
        await AssertStatusAsync(context, statusTopic, "after a SIGKILL and a restart");

        var journal = Path.Combine(folder, "data", "site.db");
        var modes = new[] { journal, Path.GetDirectoryName(journal)! }
            .Select(path => (path, mode: OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path)))
            .ToList();
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Assert.All(modes, m => Assert.True((m.mode & others) == 0, $"{m.path} is {m.mode}: others may read the journal."));

        const string password = "mqtt-secret-3141";
        const string token = "api-token-secret-2718";
        const string connection = "Host=127.0.0.1;Username=site;Password=pg-secret-1618";
        var secretConfig = Path.Combine(folder, "secret.conf");
        // The run's own file, with a second everest-site object that HOCON merges over it.
        await File.WriteAllTextAsync(secretConfig, await File.ReadAllTextAsync(Path.Combine(folder, "site.conf"))
            + $"everest-site {{ mqtt {{ username = site, password = \"{password}\" }}, http {{ api-token = \"{token}\" }}, "
            + $"persistence {{ provider = postgresql, postgresql.connection-string = \"{connection}\" }} }}\n");
        var printed = await ConfigCheckAsync(secretConfig);
        foreach (var secret in new[] { password, token, "pg-secret-1618" })
        {
            Assert.False(printed.Contains(secret, StringComparison.Ordinal), $"config check printed the secret '{secret}'.");
        }

        return $"status online at start and after a SIGKILL; journal {string.Join(", ", modes.Select(m => Convert.ToString((int)m.mode, 8)))}; config check masks 3 secrets";
    }

    private static readonly Action<JsonObject>[] AbsurdFacts =
    [
        body => body["transaction_started"]!["meter_value"]!["energy_Wh_import"]!["total"] = 1e308,
        body => body["transaction_started"]!["meter_value"]!["energy_Wh_import"]!["total"] = -1e308,
        body => body["transaction_started"]!["meter_value"]!["energy_Wh_import"]!["total"] = -1000,
        body => body["timestamp"] = "0001-01-01T00:00:00Z",
        body => body["timestamp"] = "9999-12-31T23:59:59Z",
        body => body["transaction_started"]!["id_tag"]!["id_token"]!["value"] = new string('T', 10 * 1024 * 1024),
    ];

    private static async Task AssertStatusAsync(FaultContext context, string statusTopic, string when)
    {
        await using var watcher = await SiteWatcher.ConnectAsync(context.Broker, "reliability-status-" + Guid.NewGuid().ToString("N")[..8], statusTopic);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var status = await watcher.Received.ReadAsync(timeout.Token);
        Assert.True(status.Payload.Span.SequenceEqual("online"u8), $"The retained status {when} says '{Encoding.UTF8.GetString(status.Payload.Span)}', not 'online'.");
    }

    private static async Task<string> ConfigCheckAsync(string configFile)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configFile)!,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "everest-site.dll"), "config", "check", "--config", configFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var printed = await output + await error;
        Assert.True(process.ExitCode == 0, $"config check failed ({process.ExitCode}):\n{printed}");
        return printed;
    }

    private static string FirstEvseModule(FaultContext context) => context.Simulator.Options.Chargers[0].Evses[0].ModuleId;

    private static byte[] Capabilities(int maxCurrentA) => Encoding.UTF8.GetBytes(
        "{\"max_current_A_import\":" + maxCurrentA.ToString(CultureInfo.InvariantCulture) + ",\"min_current_A_import\":6,\"max_phase_count_import\":3,\"min_phase_count_import\":1,"
        + "\"max_current_A_export\":0,\"min_current_A_export\":0,\"max_phase_count_export\":3,\"min_phase_count_export\":1,"
        + "\"supports_changing_phases_during_charging\":false,\"connector_type\":\"IEC62196Type2Cable\"}");

    private static string? UuidOf(MqttMessage message) => Field(message, "uuid");

    private static string? EventOf(MqttMessage message) => Field(message, "event");

    private static string? Field(MqttMessage message, string name)
    {
        try
        {
            return JsonNode.Parse(message.Payload.Span)?[name]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The controller's log volume at a moment, to report what a fault made it write.</summary>
    private readonly record struct LogMark(int ProcessId, long Lines, long Chars)
    {
        public static LogMark Of(ControllerProcess controller) => new(controller.Id, controller.StderrLines, controller.StderrChars);

        public string Since(ControllerProcess controller) => controller.Id == ProcessId
            ? string.Create(CultureInfo.InvariantCulture, $"log {controller.StderrLines - Lines:N0} lines, {(controller.StderrChars - Chars) / 1024.0 / 1024.0:0.00} MB")
            : "log: the controller was restarted";
    }
}
