using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Tests.Hosting;

namespace Everest.Site.Tests.Http;

/// <summary>
/// <c>POST /api/evses/{id}/departure</c> against the real host and the simulator. A class of its own (its own site):
/// a car arrives at the first EVSE here, which the other API tests expect idle.
/// </summary>
public sealed class SessionGoalApiTests(HttpSite site) : IClassFixture<HttpSite>
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("""{"energyNeededWh":1000}""", "departureAt")]
    [InlineData("""{"departureAt":null}""", "energyNeededWh")]
    [InlineData("""{"departureAt":"tonight","energyNeededWh":null}""", "departureAt")]
    [InlineData("""{"departureAt":"2001-01-01T00:00:00Z","energyNeededWh":null}""", "departureAt")]
    [InlineData("""{"departureAt":null,"energyNeededWh":"lots"}""", "energyNeededWh")]
    [InlineData("""{"departureAt":null,"energyNeededWh":-1}""", "energyNeededWh")]
    [InlineData("""{"departureAt":null,"energyNeededWh":1e9}""", "energyNeededWh")]
    [InlineData("""{"departureAt":null,"energyNeededWh":null,"soc":80}""", "soc")]
    [InlineData("""not json""", "body")]
    [InlineData("""null""", "body")]
    public async Task A_bad_departure_body_is_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await site.Client.PostAsync($"/api/evses/{TwoEvseSite.SecondEvse}/departure", content);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task An_unknown_evse_is_404_naming_it()
    {
        var problem = await HttpAssert.ProblemAsync(
            await site.Client.PostAsJsonAsync("/api/evses/no-such-evse/departure", new { departureAt = (DateTimeOffset?)null, energyNeededWh = 1000 }),
            HttpStatusCode.NotFound);

        Assert.Contains("no-such-evse", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_departure_for_an_evse_without_a_car_is_refused_by_the_site_as_409()
    {
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.SecondEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("online").GetBoolean(),
            Cap,
            $"{TwoEvseSite.SecondEvse} online");

        var problem = await HttpAssert.ProblemAsync(
            await site.Client.PostAsJsonAsync($"/api/evses/{TwoEvseSite.SecondEvse}/departure", new { departureAt = DateTimeOffset.UtcNow.AddHours(2), energyNeededWh = 1000 }),
            HttpStatusCode.Conflict);

        Assert.Contains("no car", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_car_that_arrived_gets_the_departure_and_need_shown_in_its_allocation_until_they_are_given_back_with_null()
    {
        var now = TimeProvider.System.GetUtcNow();
        await site.Simulator.ScheduleArrivalAsync(new PlannedSession(now, now.AddHours(4), 20_000, 16, 3) { EvseModuleId = TwoEvseSite.FirstModule });
        var path = $"/api/evses/{TwoEvseSite.FirstEvse}/departure";
        var departure = new DateTimeOffset(now.AddHours(3).UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

        // The site hears of the car from EVerest's session events; until then it refuses with 409.
        var set = await HttpAssert.EventuallyAsync(
            () => site.Client.PostAsJsonAsync(path, new { departureAt = departure, energyNeededWh = 12_000 }),
            response => response.StatusCode != HttpStatusCode.Conflict,
            Cap,
            "the car's arrival known to the site");
        var answer = await HttpAssert.JsonAsync(set, HttpStatusCode.OK);
        Assert.Equal(TwoEvseSite.FirstEvse, answer.GetProperty("evseId").GetString());
        Assert.Equal(departure, answer.GetProperty("departureAt").GetDateTimeOffset());
        Assert.Equal(12_000, answer.GetProperty("energyNeededWh").GetDouble());
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.FirstEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("allocation") is { ValueKind: JsonValueKind.Object } allocation
                && allocation.GetProperty("goalSetByOperator").GetBoolean()
                && allocation.GetProperty("departureAt").GetDateTimeOffset() == departure
                && allocation.GetProperty("energyNeededWh").GetDouble() is > 0 and <= 12_000,
            Cap,
            "the EVSE's allocation showing the operator's departure and need");

        var reset = await HttpAssert.JsonAsync(await site.Client.PostAsJsonAsync(path, new { departureAt = (DateTimeOffset?)null, energyNeededWh = (double?)null }), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, reset.GetProperty("departureAt").ValueKind);
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.FirstEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("allocation") is { ValueKind: JsonValueKind.Object } allocation && !allocation.GetProperty("goalSetByOperator").GetBoolean(),
            Cap,
            "the EVSE's allocation back on what the car says");
    }
}
