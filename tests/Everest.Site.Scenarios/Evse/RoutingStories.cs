using Everest.Site.Configuration;
using Everest.Site.Domain.Evse.History;
using Everest.Site.EverestApi;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Evse;

public sealed class RoutingStories(ITestOutputHelper output) : EvseScenario(output)
{
    [Fact]
    public async Task Publications_of_an_unknown_module_are_counted_and_reach_no_EVSE()
    {
        await StartEvseAsync();
        var stranger = new FakeEverest(Broker.CreateClient("stranger"), "evse_api_elsewhere", null, Time.Provider);
        await stranger.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await stranger.HeartbeatAsync();
        }

        await AwaitConditionAsync(() => Router.UnknownModuleMessages == 3, Patience, "three publications of the unknown module are counted");
        Assert.Equal(["evse_api_elsewhere"], Router.UnknownModuleIds);
        Assert.False((await SnapshotAsync()).Live.Online);
        await History.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await stranger.DisposeAsync();
    }

    [Fact]
    public async Task The_fleet_starts_one_actor_per_configured_EVSE_and_routes_by_module_id()
    {
        var options = new EverestSiteOptions
        {
            Chargers =
            [
                new ChargerOptions
                {
                    Id = "cp-2",
                    Evses =
                    [
                        new EvseOptions { Id = "cp-2-1", ModuleId = "evse_api_cp2_1" },
                        new EvseOptions { Id = "cp-2-2", ModuleId = "evse_api_cp2_2", Priority = 5 },
                    ],
                },
            ],
            EverestApi = new EverestApi.EverestApiOptions { HeartbeatTimeout = HeartbeatTimeout },
        };
        options.Persistence.MeterSample.Interval = TimeSpan.FromMinutes(5);
        options.Persistence.MeterSample.EnergyDeltaWh = 1000;
        await StartFleetAsync(EvseFleetPlan.From(options));
        var second = new FakeEverest(Broker.CreateClient("everest-cp2-2"), "evse_api_cp2_2", null, Time.Provider);
        await second.StartAsync();

        await second.HeartbeatAsync();

        var appended = await History.ExpectMsgAsync<EvseHistoryAppended>();
        Assert.Equal("cp-2-2", appended.EvseId);
        Assert.IsType<CameOnline>(appended.Event);
        var snapshot = await SnapshotAsync("cp-2-2");
        Assert.Equal(5, snapshot.Status.Priority);
        Assert.False((await SnapshotAsync("cp-2-1")).Live.Online);
        var entity = await Sys.ActorSelection(Fleet.Path / "evse-cp-2-2").ResolveOne(Patience);
        Assert.Equal("evse-cp-2-2", entity.Path.Name);
        Assert.Throws<KeyNotFoundException>(() => Plan["cp-9-9"]);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => SnapshotAsync("cp-9-9"));
        await second.DisposeAsync();
    }

    [Fact]
    public void Two_EVSEs_with_one_module_id_are_refused_at_start()
    {
        var options = new EverestSiteOptions
        {
            Chargers =
            [
                new ChargerOptions
                {
                    Id = "cp-3",
                    Evses = [new EvseOptions { Id = "a", ModuleId = "same" }, new EvseOptions { Id = "b", ModuleId = "same" }],
                },
            ],
        };

        var error = Assert.Throws<ArgumentException>(() => EvseFleetPlan.From(options));
        Assert.Contains("module-id 'same'", error.Message, StringComparison.Ordinal);
    }
}
