using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Everest.Site.Domain;
using Everest.Site.Domain.Firmware;
using Everest.Site.Firmware.Events;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// Every system actor event has a stable manifest, round-trips through the serializer the actor system binds to it, and the
/// payloads stored by earlier builds (Persistence/SystemGolden) still read.
/// </summary>
public sealed class SystemEventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Persistence", "SystemGolden");

    private static readonly DateTimeOffset At = new(2026, 3, 2, 17, 0, 1, TimeSpan.Zero);

    /// <summary>One sample per system event type; the golden files hold exactly these.</summary>
    private static readonly IReadOnlyDictionary<Type, ISystemEvent> Samples = new ISystemEvent[]
    {
        new FirmwareUpdateAccepted(7, "https://fw.example/v2.bin", At, At.AddHours(1), 3, 30, "-----BEGIN CERTIFICATE-----", "c2lnbmF0dXJl", "rollout-1", At),
        new FirmwareStepReached(7, FirmwareStep.InstallationFailed, "exit code 3", At),
        new FirmwareEvsesTaken(7, At),
        new FirmwareEvsesReturned(7, At),
        new BootReasonRecorded("FirmwareUpdate", At),
    }.ToDictionary(e => e.GetType());

    private static readonly Type[] AllSystemEvents = typeof(ISystemEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISystemEvent).IsAssignableFrom(t))
        .ToArray();

    public SystemEventSerializerTests()
        : base(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()), nameof(SystemEventSerializerTests))
    {
    }

    public static TheoryData<Type> EventTypes() => new(AllSystemEvents);

    public static TheoryData<string> Manifests() => new(SystemEventManifests.Types.Keys);

    [Fact]
    public void Every_system_event_has_a_sample()
    {
        Assert.Equal(AllSystemEvents.OrderBy(t => t.Name), Samples.Keys.OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_system_event_is_stored_under_its_own_stable_manifest(Type type)
    {
        var manifest = (string)type.GetProperty(nameof(IVersionedEvent.Manifest), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(type, SystemEventManifests.Types[manifest]);
        Assert.Matches(@"^system\.[a-z-]+\.v\d+$", manifest);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_system_event_round_trips_through_the_serializer_bound_to_it(Type type)
    {
        var sample = Samples[type];
        var serializer = Assert.IsType<SystemEventSerializer>(Sys.Serialization.FindSerializerFor(sample));

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(sample), SystemEventSerializer.SerializerId, serializer.Manifest(sample));

        Assert.Equal(sample, back);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Payloads_stored_by_earlier_builds_still_read_to_the_same_values(string manifest)
    {
        var path = Path.Combine(GoldenFolder, manifest + ".json");
        Assert.True(File.Exists(path), $"no golden payload for '{manifest}': write Persistence/SystemGolden/{manifest}.json once from its sample and commit it");

        var read = Sys.Serialization.Deserialize(File.ReadAllBytes(path), SystemEventSerializer.SerializerId, manifest);

        Assert.Equal(Samples[SystemEventManifests.Types[manifest]], read);
    }

    [Fact]
    public void Every_golden_payload_belongs_to_a_registered_manifest()
    {
        var golden = Directory.GetFiles(GoldenFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(SystemEventManifests.Types.Keys.Order(StringComparer.Ordinal), golden);
    }

    [Fact]
    public void Steps_are_stored_by_name()
    {
        var json = Encoding.UTF8.GetString(new SystemEventSerializer((Akka.Actor.ExtendedActorSystem)Sys).ToBinary(Samples[typeof(FirmwareStepReached)]));

        Assert.Contains("\"Step\":\"InstallationFailed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_fails_with_an_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => new SystemEventSerializer((Akka.Actor.ExtendedActorSystem)Sys).FromBinary("{}"u8.ToArray(), "system.teleported.v1"));

        Assert.Contains("'system.teleported.v1'", error.Message, StringComparison.Ordinal);
    }
}
