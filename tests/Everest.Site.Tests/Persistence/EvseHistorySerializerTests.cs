using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Akka.Serialization;
using Everest.Site.Domain;
using Everest.Site.Domain.Evse;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// Every persisted EVSE type has a stable manifest, round-trips through the serializer the actor system binds to it,
/// and the payloads stored by earlier builds (the golden files) still read.
/// </summary>
public sealed class EvseHistorySerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Persistence", "Golden");

    public EvseHistorySerializerTests()
        : base(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()), nameof(EvseHistorySerializerTests))
    {
    }

    /// <summary>Every concrete history event of the Domain assembly, found by reflection, and the snapshot.</summary>
    private static readonly Type[] AllPersistedTypes = typeof(IEvseHistoryEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEvseHistoryEvent).IsAssignableFrom(t))
        .Append(typeof(EvseHistoryState))
        .ToArray();

    public static TheoryData<Type> PersistedTypes() => new(AllPersistedTypes);

    public static TheoryData<string> Manifests() => new(EvseHistoryManifests.Types.Keys);

    [Fact]
    public void The_domain_has_history_events_to_find()
    {
        Assert.True(AllPersistedTypes.Length > 10, "reflection over the Domain assembly found (almost) no history events");
    }

    [Theory]
    [MemberData(nameof(PersistedTypes))]
    public void Every_persisted_type_is_stored_under_its_own_stable_manifest(Type type)
    {
        var expected = type == typeof(EvseHistoryState)
            ? EvseHistoryManifests.Snapshot
            : (string)type.GetProperty(nameof(IVersionedEvent.Manifest), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.True(typeof(IVersionedEvent).IsAssignableFrom(type) || type == typeof(EvseHistoryState), $"{type.Name} must implement IVersionedEvent");
        Assert.Equal(type, EvseHistoryManifests.Types[expected]);
        Assert.Matches(@"^evse\.[a-z-]+\.v\d+$", expected);
    }

    [Theory]
    [MemberData(nameof(PersistedTypes))]
    public void Every_persisted_type_round_trips_through_the_serializer_bound_to_it(Type type)
    {
        Assert.True(EvseHistorySamples.ByType.TryGetValue(type, out var sample), $"add a sample of {type.Name} to EvseHistorySamples");

        var serializer = Sys.Serialization.FindSerializerFor(sample);
        var withManifest = Assert.IsType<EvseHistorySerializer>(serializer);
        Assert.Equal(EvseHistorySerializer.SerializerId, serializer.Identifier);

        var manifest = withManifest.Manifest(sample);
        var bytes = serializer.ToBinary(sample);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(sample, back);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Payloads_stored_by_earlier_builds_still_read_to_the_same_values(string manifest)
    {
        var path = Path.Combine(GoldenFolder, manifest + ".json");
        Assert.True(File.Exists(path), $"no golden payload for '{manifest}': write Persistence/Golden/{manifest}.json once from its sample and commit it");

        var stored = File.ReadAllBytes(path);
        var read = Sys.Serialization.Deserialize(stored, EvseHistorySerializer.SerializerId, manifest);

        Assert.Equal(EvseHistorySamples.ByType[EvseHistoryManifests.Types[manifest]], read);
    }

    [Fact]
    public void A_snapshot_keeps_the_recent_lifecycle_events_that_tell_a_redelivered_event_from_a_new_one()
    {
        var state = EvseHistoryState.Replay(EvseHistorySamples.Session(1));
        Assert.NotEmpty(state.RecentLifecycleEvents.Keys);

        var serializer = Serializer();
        var back = (EvseHistoryState)serializer.FromBinary(serializer.ToBinary(state), serializer.Manifest(state));

        Assert.Equal(state.RecentLifecycleEvents, back.RecentLifecycleEvents);
        Assert.Equal(state, back);
    }

    [Fact]
    public void Every_golden_payload_belongs_to_a_registered_manifest()
    {
        var golden = Directory.GetFiles(GoldenFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(EvseHistoryManifests.Types.Keys.Order(StringComparer.Ordinal), golden);
    }

    [Fact]
    public void Enums_are_stored_by_name_so_reordering_them_cannot_change_history()
    {
        var paused = new ChargingPaused("s", DateTimeOffset.UnixEpoch, PauseCause.Site, null, null);

        var json = Encoding.UTF8.GetString(Serializer().ToBinary(paused));

        Assert.Contains("\"Cause\":\"Site\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Reason", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_fails_with_an_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary("{}"u8.ToArray(), "evse.teleported.v1"));
        Assert.Contains("'evse.teleported.v1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_payload_fails_with_an_error_naming_its_manifest()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().FromBinary("{\"SessionUuid\":"u8.ToArray(), CameOnline.Manifest));
        Assert.Contains(CameOnline.Manifest, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused_rather_than_stored_unreadably()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer().ToBinary(new OpenSession("s", DateTimeOffset.UnixEpoch, "x", null, null, Authorized: false)));
        Assert.Contains(nameof(OpenSession), error.Message, StringComparison.Ordinal);
    }

    private SerializerWithStringManifest Serializer() =>
        Assert.IsType<EvseHistorySerializer>(Sys.Serialization.FindSerializerForType(typeof(IEvseHistoryEvent)));
}
