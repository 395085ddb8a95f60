using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Everest.Site.Simulator.Arrivals;
using Everest.Site.Tests.Hosting;

namespace Everest.Site.Tests.Http;

/// <summary>
/// <c>POST /api/evses/{id}/priority</c> against the real host and the simulator. A class of its own (its own site):
/// a car arrives at the first EVSE here, which the other API tests expect idle.
/// </summary>
public sealed class SessionPriorityApiTests(HttpSite site) : IClassFixture<HttpSite>
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("""{}""", "priority")]
    [InlineData("""{"priority":"high"}""", "priority")]
    [InlineData("""{"priority":1.5}""", "priority")]
    [InlineData("""{"priority":-1}""", "priority")]
    [InlineData("""{"priority":2147483648}""", "priority")]
    [InlineData("""{"priority":1,"level":2}""", "level")]
    [InlineData("""not json""", "body")]
    [InlineData("""null""", "body")]
    public async Task A_bad_priority_body_is_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await site.Client.PostAsync($"/api/evses/{TwoEvseSite.SecondEvse}/priority", content);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task An_unknown_evse_is_404_naming_it()
    {
        var problem = await HttpAssert.ProblemAsync(await site.Client.PostAsJsonAsync("/api/evses/no-such-evse/priority", new { priority = 5 }), HttpStatusCode.NotFound);

        Assert.Contains("no-such-evse", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_priority_for_an_evse_without_a_car_is_refused_by_the_site_as_409()
    {
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.SecondEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("online").GetBoolean(),
            Cap,
            $"{TwoEvseSite.SecondEvse} online");

        var problem = await HttpAssert.ProblemAsync(await site.Client.PostAsJsonAsync($"/api/evses/{TwoEvseSite.SecondEvse}/priority", new { priority = 5 }), HttpStatusCode.Conflict);

        Assert.Contains("no car", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_of_a_car_that_arrived_gets_the_priority_until_it_is_given_back_with_null()
    {
        var now = TimeProvider.System.GetUtcNow();
        await site.Simulator.ScheduleArrivalAsync(new PlannedSession(now, now.AddHours(4), 20_000, 16, 3) { EvseModuleId = TwoEvseSite.FirstModule });
        var path = $"/api/evses/{TwoEvseSite.FirstEvse}/priority";

        // The site hears of the car from EVerest's session events; until then it refuses with 409.
        var set = await HttpAssert.EventuallyAsync(
            () => site.Client.PostAsJsonAsync(path, new { priority = 7 }),
            response => response.StatusCode != HttpStatusCode.Conflict,
            Cap,
            "the car's arrival known to the site");
        var answer = await HttpAssert.JsonAsync(set, HttpStatusCode.OK);
        Assert.Equal(TwoEvseSite.FirstEvse, answer.GetProperty("evseId").GetString());
        Assert.Equal(7, answer.GetProperty("priority").GetInt32());
        Assert.False(answer.GetProperty("configured").GetBoolean());
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.FirstEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("allocation") is { ValueKind: JsonValueKind.Object } allocation && allocation.GetProperty("sessionPriority") is { ValueKind: JsonValueKind.Number } p && p.GetInt32() == 7,
            Cap,
            "the EVSE's allocation showing session priority 7");

        var reset = await HttpAssert.JsonAsync(await site.Client.PostAsJsonAsync(path, new { priority = (int?)null }), HttpStatusCode.OK);

        Assert.Equal(0, reset.GetProperty("priority").GetInt32());
        Assert.True(reset.GetProperty("configured").GetBoolean());
        await HttpAssert.EventuallyAsync(
            async () => await HttpAssert.JsonAsync(await site.Client.GetAsync($"/api/evses/{TwoEvseSite.FirstEvse}"), HttpStatusCode.OK),
            e => e.GetProperty("allocation") is { ValueKind: JsonValueKind.Object } allocation && allocation.GetProperty("sessionPriority").ValueKind == JsonValueKind.Null,
            Cap,
            "the EVSE's allocation back on its configured priority");
    }
}
