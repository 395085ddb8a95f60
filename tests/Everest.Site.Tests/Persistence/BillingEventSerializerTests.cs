using System.Runtime.Serialization;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>
/// Operator corrections are stored under a stable manifest through the serializer the actor system binds to them, and
/// the payload stored by earlier builds (Persistence/BillingGolden) still reads.
/// </summary>
public sealed class BillingEventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Persistence", "BillingGolden");

    private static readonly SessionCorrected Sample = new(
        "3f2a-session", new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.FromHours(1)), CorrectionKind.Reprice, "staff", "employee charged at the public rate", "ops@depot");

    public BillingEventSerializerTests()
        : base(SitePersistenceConfig.ActorSystemSetup(PersistenceOptionsFor.Memory()), nameof(BillingEventSerializerTests))
    {
    }

    [Fact]
    public void A_correction_is_stored_under_its_stable_manifest_and_round_trips_through_the_serializer_bound_to_it()
    {
        var serializer = Assert.IsType<BillingEventSerializer>(Sys.Serialization.FindSerializerFor(Sample));

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(Sample), BillingEventSerializer.SerializerId, serializer.Manifest(Sample));

        Assert.Equal("billing.session-corrected.v1", serializer.Manifest(Sample));
        Assert.Equal(typeof(SessionCorrected), BillingEventManifests.Types[SessionCorrected.Manifest]);
        Assert.Equal(Sample, back);
    }

    [Fact]
    public void The_payload_stored_by_earlier_builds_still_reads_to_the_same_value()
    {
        var golden = Directory.GetFiles(GoldenFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(BillingEventManifests.Types.Keys.Order(StringComparer.Ordinal), golden);

        var read = Sys.Serialization.Deserialize(File.ReadAllBytes(Path.Combine(GoldenFolder, SessionCorrected.Manifest + ".json")), BillingEventSerializer.SerializerId, SessionCorrected.Manifest);

        Assert.Equal(Sample, read);
    }

    [Fact]
    public void Kinds_are_stored_by_name_and_an_unknown_manifest_fails_naming_it()
    {
        var serializer = new BillingEventSerializer((Akka.Actor.ExtendedActorSystem)Sys);

        Assert.Contains("\"Kind\":\"Reprice\"", System.Text.Encoding.UTF8.GetString(serializer.ToBinary(Sample)), StringComparison.Ordinal);
        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "billing.session-refunded.v1"));
        Assert.Contains("'billing.session-refunded.v1'", error.Message, StringComparison.Ordinal);
    }
}
