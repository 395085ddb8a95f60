using Everest.Site.Domain.Allocation;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Site;

namespace Everest.Site.Tests.Site;

/// <summary>The CSMS's cap on a whole station, read out of ocpp_consumer <c>charging_schedules</c>.</summary>
public sealed class CsmsStationSchedulesTests
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static StationCapSchedule? Read(out string? problem, params ChargingSchedule[] schedules) =>
        CsmsStationSchedules.Read("cp-1", new ChargingSchedules(schedules), Received, voltageV: 230, gridPhases: 3, out problem);

    [Fact]
    public void The_entry_for_evse_0_caps_the_station_period_by_period_until_the_schedule_ends()
    {
        var schedule = Read(out var problem,
            new ChargingSchedule(1, "A", [new ChargingSchedulePeriod(0, 32)]),
            new ChargingSchedule(0, "A", [new ChargingSchedulePeriod(0, 40), new ChargingSchedulePeriod(600, 20, LimitL2: 18)], Duration: 3600, StartSchedule: "2026-03-02T07:55:00Z"));

        Assert.Null(problem);
        Assert.NotNull(schedule);
        Assert.Null(schedule.CapAt(Received.AddMinutes(-6)));
        Assert.Equal(new StationCap("cp-1", 40), schedule.CapAt(Received));
        Assert.Equal(new StationCap("cp-1", 18), schedule.CapAt(Received.AddMinutes(5)));
        Assert.Null(schedule.CapAt(Received.AddMinutes(55)));
    }

    [Fact]
    public void A_schedule_in_watts_becomes_amperes_per_phase_and_one_without_a_start_starts_when_received()
    {
        var schedule = Read(out _, new ChargingSchedule(0, "W", [new ChargingSchedulePeriod(0, 11_040), new ChargingSchedulePeriod(60, 4_600, NumberPhases: 1)]));

        Assert.Equal(16, schedule!.CapAt(Received)!.MaxCurrentA, 6);
        Assert.Equal(20, schedule.CapAt(Received.AddHours(5))!.MaxCurrentA, 6);
        Assert.Null(schedule.EndsAt);
    }

    [Fact]
    public void Without_an_entry_for_the_whole_station_nothing_is_capped()
    {
        Assert.Null(Read(out var problem, new ChargingSchedule(1, "A", [new ChargingSchedulePeriod(0, 6)])));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("kW", 0, 10, null, "charging_rate_unit")]
    [InlineData("A", 0, -1, null, "limit -1")]
    [InlineData("A", 0, double.NaN, null, "limit NaN")]
    [InlineData("A", -5, 10, null, "starting at -5")]
    [InlineData("A", 0, 10, "yesterday-ish", "start_schedule")]
    public void A_schedule_that_makes_no_sense_is_refused_with_the_reason(string unit, int start, double limit, string? startSchedule, string reason)
    {
        Assert.Null(Read(out var problem, new ChargingSchedule(0, unit, [new ChargingSchedulePeriod(start, limit)], StartSchedule: startSchedule)));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_for_single_evses_cap_the_evse_with_that_number_and_garbage_names_its_evse()
    {
        var evses = new Dictionary<int, string> { [1] = "cp-1-1", [2] = "cp-1-2", [3] = "cp-1-3" };
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);

        var caps = CsmsStationSchedules.ReadEvses(
            new ChargingSchedules(
            [
                new ChargingSchedule(0, "A", [new ChargingSchedulePeriod(0, 40)]),
                new ChargingSchedule(1, "A", [new ChargingSchedulePeriod(0, 10), new ChargingSchedulePeriod(600, 13, LimitL3: 12)], Duration: 3600),
                new ChargingSchedule(2, "W", [new ChargingSchedulePeriod(0, 3_680, NumberPhases: 1)]),
                new ChargingSchedule(3, "A", [new ChargingSchedulePeriod(0, double.NaN)]),
                new ChargingSchedule(9, "A", [new ChargingSchedulePeriod(0, 6)]),
            ]),
            n => evses.GetValueOrDefault(n),
            Received,
            voltageV: 230,
            gridPhases: 3,
            problems);

        Assert.Equal(["cp-1-1", "cp-1-2"], caps.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, caps["cp-1-1"].CapAt(Received)!.MaxCurrentA);
        Assert.Equal(12, caps["cp-1-1"].CapAt(Received.AddMinutes(10))!.MaxCurrentA);
        Assert.Null(caps["cp-1-1"].CapAt(Received.AddHours(1)));
        Assert.Equal(16, caps["cp-1-2"].CapAt(Received)!.MaxCurrentA, 6);
        Assert.Equal(["cp-1-3"], problems.Keys);
        Assert.StartsWith("evse 3:", problems["cp-1-3"], StringComparison.Ordinal);
    }
}
