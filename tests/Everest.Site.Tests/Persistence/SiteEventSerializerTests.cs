using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Everest.Site.Domain;
using Everest.Site.Persistence;
using Everest.Site.Site.Events;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// Every site event has a stable manifest, round-trips through the serializer the actor system binds to it, and the
/// payloads stored by earlier builds (Persistence/SiteGolden) still read.
/// </summary>
public sealed class SiteEventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Persistence", "SiteGolden");

    private static readonly DateTimeOffset At = new(2026, 3, 2, 17, 0, 1, TimeSpan.Zero);

    /// <summary>One sample per site event type; the golden files hold exactly these.</summary>
    private static readonly IReadOnlyDictionary<Type, ISiteEvent> Samples = new ISiteEvent[]
    {
        new EvsePausedBySite("cp-1-1", At, "paused: its minimum does not fit under grid L1"),
        new EvseResumedBySite("cp-1-1", At, 10.6, "charging at 10.7 A, limited by grid L1"),
        new EvseLimitChanged("cp-1-2", At, 16, 8, "charging at 8 A, limited by grid L1"),
        new ReservationMade(7, "cp-2-1", "DRIVER-1", At, At.AddMinutes(15)),
        new ReservationClosed(7, "cp-2-1", At.AddMinutes(15), ReservationOutcome.Expired),
        new SessionPriorityChanged("cp-1-2", At, At.AddHours(-1), 5),
        new SessionGoalChanged("cp-1-1", At, At.AddHours(-1), At.AddHours(2.5), 13_800, 4_200),
    }.ToDictionary(e => e.GetType());

    private static readonly Type[] AllSiteEvents = typeof(ISiteEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISiteEvent).IsAssignableFrom(t))
        .ToArray();

    public SiteEventSerializerTests()
        : base(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()), nameof(SiteEventSerializerTests))
    {
    }

    public static TheoryData<Type> EventTypes() => new(AllSiteEvents);

    public static TheoryData<string> Manifests() => new(SiteEventManifests.Types.Keys);

    [Fact]
    public void Every_site_event_has_a_sample()
    {
        Assert.Equal(AllSiteEvents.OrderBy(t => t.Name), Samples.Keys.OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_site_event_is_stored_under_its_own_stable_manifest(Type type)
    {
        var manifest = (string)type.GetProperty(nameof(IVersionedEvent.Manifest), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(type, SiteEventManifests.Types[manifest]);
        Assert.Matches(@"^site\.[a-z-]+\.v\d+$", manifest);
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_site_event_round_trips_through_the_serializer_bound_to_it(Type type)
    {
        var sample = Samples[type];
        var serializer = Assert.IsType<SiteEventSerializer>(Sys.Serialization.FindSerializerFor(sample));

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(sample), SiteEventSerializer.SerializerId, serializer.Manifest(sample));

        Assert.Equal(sample, back);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Payloads_stored_by_earlier_builds_still_read_to_the_same_values(string manifest)
    {
        var path = Path.Combine(GoldenFolder, manifest + ".json");
        Assert.True(File.Exists(path), $"no golden payload for '{manifest}': write Persistence/SiteGolden/{manifest}.json once from its sample and commit it");

        var read = Sys.Serialization.Deserialize(File.ReadAllBytes(path), SiteEventSerializer.SerializerId, manifest);

        Assert.Equal(Samples[SiteEventManifests.Types[manifest]], read);
    }

    [Fact]
    public void Every_golden_payload_belongs_to_a_registered_manifest()
    {
        var golden = Directory.GetFiles(GoldenFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(SiteEventManifests.Types.Keys.Order(StringComparer.Ordinal), golden);
    }

    [Fact]
    public void Outcomes_are_stored_by_name()
    {
        var json = Encoding.UTF8.GetString(new SiteEventSerializer((Akka.Actor.ExtendedActorSystem)Sys).ToBinary(Samples[typeof(ReservationClosed)]));

        Assert.Contains("\"Outcome\":\"Expired\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_fails_with_an_error_naming_it()
    {
        var error = Assert.Throws<SerializationException>(() => new SiteEventSerializer((Akka.Actor.ExtendedActorSystem)Sys).FromBinary("{}"u8.ToArray(), "site.teleported.v1"));

        Assert.Contains("'site.teleported.v1'", error.Message, StringComparison.Ordinal);
    }
}
