namespace Everest.Site.EverestApi.Tests.Wire;

public sealed class EverestTopicTests
{
    [Theory]
    [InlineData(EverestApiType.EvseManagerConsumer, "evse_manager_consumer")]
    [InlineData(EverestApiType.System, "system")]
    [InlineData(EverestApiType.ExternalEnergyLimitsConsumer, "external_energy_limits_consumer")]
    [InlineData(EverestApiType.OcppConsumer, "ocpp_consumer")]
    [InlineData(EverestApiType.SessionCost, "session_cost")]
    public void Each_api_has_its_wire_name_and_parses_back(EverestApiType api, string wireName)
    {
        Assert.Equal(wireName, api.ToWireName());
        Assert.True(EverestApiTypeNames.TryParse(wireName, out var parsed));
        Assert.Equal(api, parsed);
    }

    [Fact]
    public void Topics_are_built_with_version_1()
    {
        Assert.Equal("everest_api/1/evse_manager_consumer/evse_api_1/m2e/pause_charging",
            EverestTopic.ToEverest(EverestApiType.EvseManagerConsumer, "evse_api_1", "pause_charging").ToString());
        Assert.Equal("everest_api/1/system/sys_1/e2m/heartbeat",
            EverestTopic.FromEverest(EverestApiType.System, "sys_1", "heartbeat").ToString());
        Assert.Equal("everest_api/1/ocpp_consumer/ocpp/e2m/get_variables/3f2c",
            EverestTopic.ReplyTo(EverestApiType.OcppConsumer, "ocpp", "get_variables", "3f2c").ToString());
        Assert.Equal("everest_api/1/session_cost/cost/e2m/+/+", EverestTopic.ReplyFilter(EverestApiType.SessionCost, "cost"));
        Assert.Equal("everest_api/1/system/sys_1/m2e/reply/9c0e", EverestTopic.ReplyFromModule(EverestApiType.System, "sys_1", "9c0e").ToString());
    }

    [Fact]
    public void Publication_filters_match_every_instance_but_not_the_replies_to_our_requests()
    {
        Assert.Equal("everest_api/1/evse_manager_consumer/+/e2m/+", EverestTopic.PublicationFilter(EverestApiType.EvseManagerConsumer));
        Assert.Equal("everest_api/1/ocpp_consumer/+/e2m/ocpp_transaction_event", EverestTopic.PublicationFilter(EverestApiType.OcppConsumer, "ocpp_transaction_event"));
        Assert.Throws<ArgumentException>(() => EverestTopic.PublicationFilter(EverestApiType.OcppConsumer, "#"));
    }

    [Fact]
    public void Topics_parse_into_their_parts()
    {
        var reply = EverestTopic.Parse("everest_api/1/evse_manager_consumer/evse_api_1/e2m/reserve/abc-123");
        var reversedReply = EverestTopic.Parse("everest_api/1/system/sys_1/m2e/reply/9c0e");

        Assert.Equal(new EverestTopic(EverestApiType.EvseManagerConsumer, "evse_api_1", MessageDirection.EverestToModule, "reserve", "abc-123"), reply);
        Assert.Equal(new EverestTopic(EverestApiType.System, "sys_1", MessageDirection.ModuleToEverest, EverestTopic.ReplyOperation, "9c0e"), reversedReply);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("everest_api/1.0/system/sys_1/e2m/heartbeat", "everest_api/1/")]
    [InlineData("everest/1/system/sys_1/e2m/heartbeat", "everest_api/1/")]
    [InlineData("everest_api/1/auth_consumer/a/e2m/heartbeat", "unknown API 'auth_consumer'")]
    [InlineData("everest_api/1/system/sys_1/x2y/heartbeat", "direction 'x2y'")]
    [InlineData("everest_api/1/system/sys_1/e2m", "does not have the form")]
    [InlineData("everest_api/1/system/sys_1/e2m/reply/a/b", "does not have the form")]
    [InlineData("everest_api/1/system//e2m/heartbeat", "empty segment")]
    public void Malformed_topics_are_refused_with_the_reason(string topic, string reason)
    {
        Assert.False(EverestTopic.TryParse(topic, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => EverestTopic.Parse(topic));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a+")]
    [InlineData("#")]
    [InlineData(" ")]
    public void Module_ids_that_would_break_the_topic_are_refused(string moduleId) =>
        Assert.ThrowsAny<ArgumentException>(() => EverestTopic.ToEverest(EverestApiType.System, moduleId, "log_status"));

    [Fact]
    public void Built_topics_round_trip_through_the_parser()
    {
        foreach (var operation in EverestApiContract.Operations)
        {
            var topic = operation.Direction == MessageDirection.ModuleToEverest
                ? EverestTopic.ToEverest(operation.Api, "module-7", operation.Name)
                : EverestTopic.FromEverest(operation.Api, "module-7", operation.Name);

            Assert.Equal(topic, EverestTopic.Parse(topic.ToString()));
        }
    }
}
