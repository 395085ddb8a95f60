using System.Text;
using Akka.TestKit.Xunit2;
using Everest.Site.Configuration;
using Everest.Site.Domain.Evse;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.InMemory;
using Everest.Site.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.Tests.Evse;

/// <summary>A publisher inventing module ids must cost bounded log lines and bounded memory, and not disturb known EVSEs.</summary>
public sealed class EvseMessageRouterUnknownModuleTests : TestKit
{
    private const string KnownModule = "evse_manager_1";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider logs = new();
    private readonly InMemoryBroker broker = new();

    [Fact]
    public void Random_module_ids_give_bounded_warnings_and_bounded_memory_while_a_known_module_still_routes()
    {
        var fleet = CreateTestProbe();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        using var router = new EvseMessageRouter(
            broker.CreateClient("controller"), fleet, Plan(), new EverestMessageDecoder(time: time), loggerFactory.CreateLogger<EvseMessageRouter>(), time);
        var random = new Random(7);
        var moduleIds = Enumerable.Range(0, 5000).Select(_ => RandomModuleId(random)).ToArray();

        for (var i = 0; i < 10_000; i++)
        {
            router.Route(Publication(moduleIds[random.Next(moduleIds.Length)]));
        }

        var warnings = logs.Entries.Where(e => e.Category == typeof(EvseMessageRouter).FullName && e.Level >= LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Equal(10_000, router.UnknownModuleMessages);
        Assert.Equal(EvseMessageRouter.MaxRememberedUnknownModules, router.UnknownModuleIds.Count);
        Assert.All(router.UnknownModuleIds, id => Assert.True(id.Length <= EvseMessageRouter.MaxUnknownModuleIdLength + 1, $"{id.Length} characters remembered"));

        // After the interval, the next new id gets one line that says how many were held back.
        time.Advance(WarningThrottle.DefaultInterval);
        router.Route(Publication(RandomModuleId(random)));
        warnings = [.. logs.Entries.Where(e => e.Category == typeof(EvseMessageRouter).FullName && e.Level >= LogLevel.Warning)];
        Assert.Equal(2, warnings.Count);
        Assert.Contains("held back", warnings[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 other new unknown module ids", warnings[1].Message, StringComparison.Ordinal);

        router.Route(Publication(KnownModule));
        var envelope = fleet.ExpectMsg<EvseEnvelope>();
        Assert.Equal("evse-1", envelope.EvseId);
        Assert.Equal(1, router.Routed);
    }

    private static EvseFleetPlan Plan() => new([
        new EvseActorSettings("evse-1", KnownModule, null, CircuitOptions.GridId, PhaseRotation.L1L2L3, 0, MeterSamplePolicy.Default, 100, TimeSpan.FromSeconds(30)),
    ]);

    /// <summary>Module ids of 20 to 2,000 characters, so that some are far longer than what is remembered.</summary>
    private static string RandomModuleId(Random random) =>
        new(Enumerable.Range(0, random.Next(20, 2000)).Select(_ => (char)('a' + random.Next(26))).ToArray());

    private static MqttMessage Publication(string moduleId) =>
        new($"{EverestTopic.Prefix(EverestApiType.EvseManagerConsumer, moduleId)}/e2m/limits", Encoding.UTF8.GetBytes("{}"));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            logs.Dispose();
        }

        base.Dispose(disposing);
    }
}
