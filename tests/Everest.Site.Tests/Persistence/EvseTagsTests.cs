using Akka.Persistence.Journal;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Persistence;

namespace Everest.Site.Tests.Persistence;

/// <summary>Which EVSE history events the billing projection sees, and how the journal learns their tags.</summary>
public sealed class EvseTagsTests
{
    /// <summary>The rule, written out type by type: every event is an EVSE event; these also feed billing.</summary>
    public static TheoryData<Type, bool> Billing() => new()
    {
        { typeof(SessionStarted), true },
        { typeof(Authorized), true },
        { typeof(Deauthorized), true },
        { typeof(TransactionStarted), true },
        { typeof(ChargingStarted), true },
        { typeof(ChargingPaused), true },
        { typeof(ChargingResumed), true },
        { typeof(TransactionFinished), true },
        { typeof(SessionFinished), true },
        { typeof(MeterSampled), true },
        { typeof(CsmsTransactionIdAssigned), true },
        { typeof(SessionReconciled), true },
        { typeof(ReservationStarted), false },
        { typeof(ReservationEnded), false },
        { typeof(AvailabilityChanged), false },
        { typeof(WentOffline), false },
        { typeof(CameOnline), false },
        { typeof(HardwareCapabilitiesChanged), false },
    };

    [Fact]
    public void The_rule_names_every_history_event()
    {
        var named = Billing().Select(row => (Type)row[0]).ToHashSet();
        var events = EvseHistorySamples.ByType.Keys.Where(typeof(IEvseHistoryEvent).IsAssignableFrom);
        Assert.All(events, type => Assert.Contains(type, named));
    }

    [Theory]
    [MemberData(nameof(Billing))]
    public void Every_event_is_tagged_evse_and_the_charge_record_events_billing(Type type, bool billing)
    {
        var historyEvent = (IEvseHistoryEvent)EvseHistorySamples.ByType[type];

        var tags = EvseTags.For(historyEvent);

        Assert.Equal(billing ? ["billing", "evse"] : ["evse"], tags.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Billing))]
    public void The_write_adapter_wraps_each_event_with_its_tags_and_leaves_it_unchanged(Type type, bool billing)
    {
        var historyEvent = EvseHistorySamples.ByType[type];

        var tagged = Assert.IsType<Tagged>(new EvseHistoryTagging().ToJournal(historyEvent));

        Assert.Same(historyEvent, tagged.Payload);
        Assert.Equal(billing, tagged.Tags.Contains(EvseTags.Billing));
        Assert.Contains(EvseTags.Evse, tagged.Tags);
    }

    [Fact]
    public void The_write_adapter_leaves_anything_else_alone()
    {
        var other = new object();
        Assert.Same(other, new EvseHistoryTagging().ToJournal(other));
    }

    [Fact]
    public void The_read_side_of_the_adapter_hands_back_the_bare_event_even_when_the_journal_kept_the_tags_around_it()
    {
        var historyEvent = EvseHistorySamples.ByType[typeof(ChargingStarted)];
        var adapter = new EvseHistoryTagging();

        Assert.Same(historyEvent, Assert.Single(adapter.FromJournal(adapter.ToJournal(historyEvent), string.Empty).Events));
        Assert.Same(historyEvent, Assert.Single(adapter.FromJournal(historyEvent, string.Empty).Events));
    }
}
