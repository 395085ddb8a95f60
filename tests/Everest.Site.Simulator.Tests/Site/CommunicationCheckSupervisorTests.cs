using Everest.Site.Simulator.Site;

namespace Everest.Site.Simulator.Tests.Site;

public sealed class CommunicationCheckSupervisorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fault_is_raised_from_the_start_until_the_first_check()
    {
        var supervisor = new CommunicationCheckSupervisor(TimeSpan.FromSeconds(5));
        Assert.True(supervisor.IsFaulted);
        Assert.Null(supervisor.Evaluate(Start.AddMinutes(1)));

        Assert.Equal(CommunicationFaultChange.Cleared, supervisor.OnCheck(true, Start.AddMinutes(1)));
        Assert.False(supervisor.IsFaulted);
    }

    [Fact]
    public void Silence_longer_than_the_timeout_raises_it_and_the_next_check_clears_it()
    {
        var supervisor = new CommunicationCheckSupervisor(TimeSpan.FromSeconds(5));
        supervisor.OnCheck(true, Start);

        Assert.Null(supervisor.Evaluate(Start.AddSeconds(5)));
        Assert.Equal(CommunicationFaultChange.Raised, supervisor.Evaluate(Start.AddSeconds(5.1)));
        Assert.Null(supervisor.Evaluate(Start.AddSeconds(9)));
        Assert.Equal(CommunicationFaultChange.Cleared, supervisor.OnCheck(true, Start.AddSeconds(10)));
    }

    [Fact]
    public void False_ends_the_supervision_for_good()
    {
        var supervisor = new CommunicationCheckSupervisor(TimeSpan.FromSeconds(5));
        supervisor.OnCheck(true, Start);

        supervisor.OnCheck(false, Start.AddSeconds(1));

        Assert.False(supervisor.IsSupervising);
        Assert.Null(supervisor.Evaluate(Start.AddHours(1)));
        Assert.Null(supervisor.OnCheck(true, Start.AddHours(1)));
        Assert.False(supervisor.IsFaulted);
    }
}
