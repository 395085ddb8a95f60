using Everest.Site.Configuration;
using Everest.Site.EverestApi;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Evse;

namespace Everest.Site.Scenarios.Evse;

public sealed class FleetShapeTests
{
    private static EverestSiteOptions TwoChargers() => new()
    {
        Chargers =
        [
            new ChargerOptions { Id = "cp-1", Evses = [new EvseOptions { Id = "cp-1-1", ModuleId = "m11", OcppModuleId = "ocpp1" }, new EvseOptions { Id = "cp-1-2", ModuleId = "m12", OcppModuleId = "ocpp1" }] },
            new ChargerOptions { Id = "cp-2", Evses = [new EvseOptions { Id = "cp-2-1", ModuleId = "m21", EnergyLimitsModuleId = "l21" }] },
        ],
    };

    [Fact]
    public void The_plan_holds_every_configured_EVSE_in_order_with_its_routing()
    {
        var plan = EvseFleetPlan.From(TwoChargers());

        Assert.Equal(["cp-1-1", "cp-1-2", "cp-2-1"], plan.Evses.Select(e => e.EvseId));
        Assert.Equal("cp-1-2", plan.EvseIdByModuleId["m12"]);
        Assert.Equal(["cp-1-1", "cp-1-2"], plan.EvseIdsByOcppModuleId["ocpp1"]);
        Assert.Single(plan.EvseIdsByOcppModuleId);
        Assert.Equal("l21", plan["cp-2-1"].EnergyLimitsModuleId);
        Assert.True(plan.Contains("cp-2-1"));
        Assert.Equal(EvseInboxSettings.Default, plan.Inbox);
        Assert.Equal(EvseBackoffSettings.Default, plan.Backoff);
    }

    [Fact]
    public void Two_EVSEs_with_one_EVSE_id_are_refused()
    {
        var options = TwoChargers();
        options.Chargers[1].Evses[0].Id = "cp-1-1";

        var error = Assert.Throws<ArgumentException>(() => EvseFleetPlan.From(options));

        Assert.Contains("EVSE id 'cp-1-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_extractor_addresses_envelopes_by_EVSE_id_and_ignores_anything_else()
    {
        var extractor = new EvseMessageExtractor();
        var envelope = new EvseEnvelope("cp-1-1", GetEvseSnapshot.Instance);

        Assert.Equal("cp-1-1", extractor.EntityId(envelope));
        Assert.Same(GetEvseSnapshot.Instance, extractor.EntityMessage(envelope));
        Assert.Null(extractor.EntityId(GetEvseSnapshot.Instance));
        Assert.Null(extractor.EntityMessage("not an envelope"));
        Assert.Null(extractor.ShardId("not an envelope"));
    }

    [Fact]
    public void Shard_ids_are_stable_and_within_the_shard_count()
    {
        var extractor = new EvseMessageExtractor(shardCount: 10);
        var shards = Enumerable.Range(0, 1000).Select(i => extractor.ShardIdOf($"cp-{i}-1")).ToList();

        Assert.All(shards, shard => Assert.InRange(int.Parse(shard, System.Globalization.CultureInfo.InvariantCulture), 0, 9));
        Assert.Equal(10, shards.Distinct().Count());
        Assert.Equal(shards, Enumerable.Range(0, 1000).Select(i => new EvseMessageExtractor(10).ShardIdOf($"cp-{i}-1")));
        Assert.Equal(extractor.ShardIdOf("cp-7-1"), extractor.ShardId(new EvseEnvelope("cp-7-1", "anything")));
    }

    [Theory]
    [InlineData("evse_id", "\"DEPNXE123456*1\"")]
    [InlineData("powermeter_public_key_ocmf", "\"3059\"")]
    [InlineData("selected_protocol", "\"ISO15118-2\"")]
    [InlineData("ready", "true")]
    [InlineData("waiting_for_external_ready", "true")]
    [InlineData("dlink_ready", "true")]
    [InlineData("ac_nr_of_phases_available", "1")]
    [InlineData("limits", """{"max_current":16,"nr_of_phases_available":3}""")]
    [InlineData("supported_energy_transfer_modes", """["AC_single_phase_core"]""")]
    public void A_live_state_publication_changes_its_own_field_of_the_live_state(string operation, string body)
    {
        var decoded = new EverestMessageDecoder().Decode(new Mqtt.MqttMessage(
            EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, "m", operation).ToString(),
            System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.True(decoded.IsSuccess, decoded.Rejection?.ToString());

        var live = EvseLiveState.Initial.With(decoded.Message);

        Assert.NotNull(live);
        Assert.NotEqual(EvseLiveState.Initial, live);
        var changed = typeof(EvseLiveState).GetProperties().Where(p => !Equals(p.GetValue(live), p.GetValue(EvseLiveState.Initial))).ToList();
        Assert.Single(changed);
    }

    [Fact]
    public void Publications_the_actor_handles_itself_are_not_live_state_updates()
    {
        var topic = EverestTopic.FromEverest(EverestApiType.EvseManagerConsumer, "m", "heartbeat");
        var heartbeat = new EverestMessage(topic, EverestApiContract.Get(EverestApiType.EvseManagerConsumer, "heartbeat"), 5UL);

        Assert.Null(EvseLiveState.Initial.With(heartbeat));
    }
}
