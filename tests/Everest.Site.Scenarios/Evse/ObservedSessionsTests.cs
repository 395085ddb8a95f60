using Everest.Site.Domain.Evse;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;

namespace Everest.Site.Scenarios.Evse;

public sealed class ObservedSessionsTests
{
    public static TheoryData<string, ObservedActivity> KnownStates => new()
    {
        { "Unknown", ObservedActivity.Idle },
        { "Unplugged", ObservedActivity.Idle },
        { "Disabled", ObservedActivity.Idle },
        { "Reserved", ObservedActivity.Idle },
        { "Preparing", ObservedActivity.SessionOnly },
        { "AuthRequired", ObservedActivity.SessionOnly },
        { "AuthTimeout", ObservedActivity.SessionOnly },
        { "Finished", ObservedActivity.SessionOnly },
        { "FinishedEVSE", ObservedActivity.SessionOnly },
        { "FinishedEV", ObservedActivity.SessionOnly },
        { "WaitingForEnergy", ObservedActivity.Transaction },
        { "Charging", ObservedActivity.Transaction },
        { "ChargingPausedEV", ObservedActivity.Transaction },
        { "ChargingPausedEVSE", ObservedActivity.Transaction },
    };

    [Theory]
    [MemberData(nameof(KnownStates))]
    public void Each_EVerest_state_maps_to_what_reconciliation_needs(string state, ObservedActivity expected) =>
        Assert.Equal(expected, ObservedSessions.ActivityOf(EvseState.FromWire(state)));

    [Fact]
    public void The_table_covers_every_state_EVerest_knows() =>
        Assert.Equal(EvseState.Known.Select(s => s.Value).Order(), KnownStates.Select(row => (string)row[0]).Order());

    [Fact]
    public void A_state_from_a_newer_EVerest_is_not_guessed() =>
        Assert.Null(ObservedSessions.From(new SessionInfo(EvseState.FromWire("Levitating"), 0, 0, 0, 0, DateTimeOffset.UnixEpoch), meter: null));
}
