using Everest.Site.Domain.Firmware;

namespace Everest.Site.Domain.Tests.Firmware;

public sealed class RolloutGateTests
{
    private static readonly RolloutLimits OneAtATime = new(1, 0, Canary: false);

    // Legend: installing now, canary out, halted, available EVSEs, total EVSEs, the asking charger's available EVSEs.
    [Theory]
    [InlineData(0, false, false, 6, 6, 2, null)]
    [InlineData(1, false, false, 4, 6, 2, "1 of at most 1 chargers are installing")]
    [InlineData(0, true, false, 6, 6, 2, "waiting for the canary charger to come back")]
    [InlineData(0, false, true, 6, 6, 2, "the rollout is halted after a failed charger")]
    public void A_charger_waits_for_a_free_place_the_canary_and_a_running_rollout(int installing, bool canaryOut, bool halted, int available, int total, int ofCharger, string? expected)
    {
        Assert.Equal(expected, RolloutGate.WhyWait(OneAtATime, new RolloutSituation(installing, canaryOut, halted, available, total, ofCharger)));
    }

    [Theory]
    [InlineData(6, 2, true)]
    [InlineData(5, 2, false)]
    [InlineData(4, 0, true)]
    public void A_charger_waits_while_taking_it_out_would_leave_less_than_the_minimum_share_available(int available, int ofCharger, bool mayStart)
    {
        // Two thirds of 6 EVSEs: at least 4 must stay available.
        var limits = new RolloutLimits(3, 2.0 / 3, Canary: false);
        var why = RolloutGate.WhyWait(limits, new RolloutSituation(0, false, false, available, 6, ofCharger));
        Assert.Equal(mayStart, why is null);
    }

    [Fact]
    public void More_chargers_may_install_at_once_when_configured()
    {
        var limits = new RolloutLimits(2, 0, Canary: false);
        Assert.Null(RolloutGate.WhyWait(limits, new RolloutSituation(1, false, false, 4, 6, 2)));
        Assert.NotNull(RolloutGate.WhyWait(limits, new RolloutSituation(2, false, false, 2, 6, 2)));
    }
}
