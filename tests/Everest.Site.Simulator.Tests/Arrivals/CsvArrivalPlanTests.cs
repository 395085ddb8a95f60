using Everest.Site.Simulator.Arrivals;

namespace Everest.Site.Simulator.Tests.Arrivals;

public sealed class CsvArrivalPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offsets_are_relative_to_the_simulation_start()
    {
        var plan = CsvArrivalPlan.Parse(new StringReader("arrival,departure,energy_kwh,max_current_a,phases,id_tag\n00:10:00,02:00:00,12.5,16,1,CARD-1\n"), Start);

        var session = Assert.Single(plan.TakeArrivals(Start.AddHours(1)));
        Assert.Equal(Start.AddMinutes(10), session.Arrival);
        Assert.Equal(Start.AddHours(2), session.Departure);
        Assert.Equal(12_500, session.EnergyWh);
        Assert.Equal(16, session.MaxCurrentA);
        Assert.Equal(1, session.Phases);
        Assert.Equal("CARD-1", session.IdTag);
    }

    [Fact]
    public void Timestamps_are_replayed_shifted_so_the_first_arrival_is_at_the_start_and_in_arrival_order()
    {
        var csv = "arrival,departure,energy_kwh,max_current_a,phases\n"
            + "2019-03-01T10:00:00Z,2019-03-01T12:00:00Z,5,32,3\n"
            + "2019-03-01T09:30:00Z,2019-03-01T11:00:00Z,7,32,3\n";
        var plan = CsvArrivalPlan.Parse(new StringReader(csv), Start);

        Assert.Empty(plan.TakeArrivals(Start.AddSeconds(-1)));
        var due = plan.TakeArrivals(Start.AddHours(1));

        Assert.Equal([Start, Start.AddMinutes(30)], due.Select(s => s.Arrival));
        Assert.Equal(Start.AddHours(1.5), due[0].Departure);
        Assert.Equal(0, plan.Remaining);
    }

    [Theory]
    [InlineData("arrival,departure,energy_kwh,max_current_a\n00:00:00,01:00:00,5,16\n", "no 'phases' column")]
    [InlineData("arrival,departure,energy_kwh,max_current_a,phases\n00:00:00,01:00:00,lots,16,3\n", "line 2: energy_kwh 'lots' is not a number")]
    [InlineData("arrival,departure,energy_kwh,max_current_a,phases\n00:00:00,01:00:00,5,16,3\nsoon,01:00:00,5,16,3\n", "line 3: arrival 'soon'")]
    [InlineData("arrival,departure,energy_kwh,max_current_a,phases\n02:00:00,01:00:00,5,16,3\n", "line 2: departure must be after arrival")]
    [InlineData("arrival,departure,energy_kwh,max_current_a,phases\n00:00:00,01:00:00,5,16,4\n", "line 2: phases must be 1, 2 or 3")]
    public void A_bad_file_fails_with_the_line_and_what_is_wrong(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CsvArrivalPlan.Parse(new StringReader(csv), Start, "sessions.csv"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("sessions.csv", error.Message, StringComparison.Ordinal);
    }
}
