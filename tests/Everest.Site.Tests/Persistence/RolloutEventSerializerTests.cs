using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Everest.Site.Domain;
using Everest.Site.Firmware.RolloutEvents;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// Every firmware rollout event and its snapshot have a stable manifest, round-trip through the serializer the actor
/// system binds to them, and the payloads stored by earlier builds (Persistence/RolloutGolden) still read. The
/// records hold lists, which records compare by reference, so values are compared as their stored JSON.
/// </summary>
public sealed class RolloutEventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Persistence", "RolloutGolden");

    private static readonly DateTimeOffset At = new(2026, 3, 2, 17, 0, 1, TimeSpan.Zero);

    /// <summary>One sample per persisted type; the golden files hold exactly these.</summary>
    private static readonly IReadOnlyDictionary<Type, object> Samples = new object[]
    {
        new FirmwareRolloutBegun("rollout-1", "https://fw.example/v2.bin", [new RolloutChargerRequest("cp-2", 17), new RolloutChargerRequest("cp-1", 18)], 1, 0.5, true, TimeSpan.FromMinutes(15), At),
        new FirmwareRolloutChargerGranted("rollout-1", "cp-2", 17, true, At),
        new FirmwareRolloutChargerEnded("rollout-1", "cp-2", 17, RolloutChargerOutcome.Failed, "exit code 3", At),
        new FirmwareRolloutHalted("rollout-1", "charger cp-2 failed: exit code 3", At),
        new FirmwareRolloutClosed("rollout-1", At),
        new FirmwareRolloutSnapshot(4, new ClosedRollout("rollout-1", "cp-2", false, ["cp-3"], "charger cp-2 failed: exit code 3"), At),
    }.ToDictionary(e => e.GetType());

    private static readonly Type[] AllRolloutEvents = typeof(IRolloutEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRolloutEvent).IsAssignableFrom(t))
        .ToArray();

    public RolloutEventSerializerTests()
        : base(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()), nameof(RolloutEventSerializerTests))
    {
    }

    public static TheoryData<Type> PersistedTypes() => new(Samples.Keys);

    public static TheoryData<Type> EventTypes() => new(AllRolloutEvents);

    public static TheoryData<string> Manifests() => new(RolloutEventManifests.Types.Keys);

    [Fact]
    public void Every_rollout_event_and_the_snapshot_have_a_sample()
    {
        Assert.Equal(AllRolloutEvents.Append(typeof(FirmwareRolloutSnapshot)).OrderBy(t => t.Name), Samples.Keys.OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_rollout_event_is_stored_under_its_own_stable_manifest(Type type)
    {
        var manifest = (string)type.GetProperty(nameof(IVersionedEvent.Manifest), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(type, RolloutEventManifests.Types[manifest]);
        Assert.Matches(@"^rollout\.[a-z-]+\.v\d+$", manifest);
    }

    [Theory]
    [MemberData(nameof(PersistedTypes))]
    public void Every_persisted_type_round_trips_through_the_serializer_bound_to_it(Type type)
    {
        var sample = Samples[type];
        var serializer = Assert.IsType<RolloutEventSerializer>(Sys.Serialization.FindSerializerFor(sample));
        var stored = serializer.ToBinary(sample);

        var back = Sys.Serialization.Deserialize(stored, RolloutEventSerializer.SerializerId, serializer.Manifest(sample));

        Assert.IsType(type, back);
        Assert.Equal(Encoding.UTF8.GetString(stored), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Payloads_stored_by_earlier_builds_still_read_to_the_same_values(string manifest)
    {
        var path = Path.Combine(GoldenFolder, manifest + ".json");
        Assert.True(File.Exists(path), $"no golden payload for '{manifest}': write Persistence/RolloutGolden/{manifest}.json once from its sample and commit it");
        var serializer = new RolloutEventSerializer((Akka.Actor.ExtendedActorSystem)Sys);

        var read = Sys.Serialization.Deserialize(File.ReadAllBytes(path), RolloutEventSerializer.SerializerId, manifest);

        Assert.IsType(RolloutEventManifests.Types[manifest], read);
        Assert.Equal(Encoding.UTF8.GetString(serializer.ToBinary(Samples[read.GetType()])), Encoding.UTF8.GetString(serializer.ToBinary(read)));
    }

    [Fact]
    public void The_charger_order_and_the_outcome_read_back_as_stored()
    {
        var serializer = new RolloutEventSerializer((Akka.Actor.ExtendedActorSystem)Sys);
        var begun = Samples[typeof(FirmwareRolloutBegun)];
        var ended = Samples[typeof(FirmwareRolloutChargerEnded)];

        var readBegun = Assert.IsType<FirmwareRolloutBegun>(serializer.FromBinary(serializer.ToBinary(begun), FirmwareRolloutBegun.Manifest));
        var endedJson = Encoding.UTF8.GetString(serializer.ToBinary(ended));

        Assert.Equal(["cp-2", "cp-1"], readBegun.RequestIds.Select(r => r.ChargerId));
        Assert.Equal([17, 18], readBegun.RequestIds.Select(r => r.RequestId));
        Assert.Contains("\"Outcome\":\"Failed\"", endedJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_golden_payload_belongs_to_a_registered_manifest()
    {
        var golden = Directory.GetFiles(GoldenFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(RolloutEventManifests.Types.Keys.Order(StringComparer.Ordinal), golden);
    }

    [Fact]
    public void An_unknown_manifest_fails_with_an_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => new RolloutEventSerializer((Akka.Actor.ExtendedActorSystem)Sys).FromBinary("{}"u8.ToArray(), "rollout.teleported.v1"));

        Assert.Contains("'rollout.teleported.v1'", error.Message, StringComparison.Ordinal);
    }
}
