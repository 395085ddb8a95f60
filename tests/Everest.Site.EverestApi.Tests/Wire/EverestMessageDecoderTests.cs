using System.Text;
using Everest.Site.EverestApi.Messages;
using Everest.Site.Mqtt;

namespace Everest.Site.EverestApi.Tests.Wire;

public sealed class EverestMessageDecoderTests
{
    private readonly EverestMessageDecoder decoder = new();

    private static MqttMessage Message(string topic, string body) => new(topic, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void A_publication_decodes_into_its_record()
    {
        var result = decoder.Decode(Message("everest_api/1/evse_manager_consumer/evse_1/e2m/limits", """{"max_current":16.5,"nr_of_phases_available":3}"""));

        Assert.True(result.IsSuccess);
        Assert.Equal((EverestApiType.EvseManagerConsumer, "evse_1", "limits"), (result.Message.Api, result.Message.ModuleId, result.Message.OperationName));
        Assert.Equal(new Limits(16.5, 3), result.Message.PayloadAs<Limits>());
        Assert.False(result.Message.IsReply);
    }

    [Fact]
    public void A_topic_parsed_by_the_caller_travels_on_in_the_decoded_message()
    {
        var topic = EverestTopic.Parse("everest_api/1/evse_manager_consumer/evse_1/e2m/ready");

        var result = decoder.Decode(Message(topic.ToString(), "true"), topic);

        Assert.True(result.IsSuccess);
        Assert.Same(topic, result.Message.Topic);
        Assert.True(result.Message.PayloadAs<bool>());
    }

    [Fact]
    public void A_heartbeat_decodes_as_an_unsigned_64_bit_counter()
    {
        var result = decoder.Decode(Message("everest_api/1/system/sys/e2m/heartbeat", "18446744073709551615"));

        Assert.Equal(ulong.MaxValue, result.Message!.PayloadAs<ulong>());
    }

    [Fact]
    public void EVerests_request_decodes_with_its_reply_to()
    {
        var result = decoder.Decode(Message("everest_api/1/system/sys/e2m/is_reset_allowed", """{"headers":{"replyTo":"everest_api/1/system/sys/m2e/reply/77"},"payload":"Hard"}"""));

        Assert.Equal(ResetType.Hard, result.Message!.PayloadAs<ResetType>());
        Assert.Equal("everest_api/1/system/sys/m2e/reply/77", result.Message.ReplyTo);
    }

    [Fact]
    public void EVerests_request_without_payload_decodes()
    {
        var result = decoder.Decode(Message("everest_api/1/system/sys/e2m/get_boot_reason", """{"headers":{"replyTo":"everest_api/1/system/sys/m2e/reply/1"}}"""));

        Assert.True(result.IsSuccess);
        Assert.Null(result.Message.Payload);
    }

    [Fact]
    public void Allow_firmware_installation_with_its_empty_body_decodes()
    {
        var result = decoder.Decode(new MqttMessage("everest_api/1/system/sys/e2m/allow_firmware_installation", ReadOnlyMemory<byte>.Empty));

        Assert.True(result.IsSuccess);
        Assert.Equal(OperationKind.Notification, result.Message.Operation.Kind);
    }

    [Fact]
    public void Our_request_decodes_on_the_everest_side()
    {
        var result = decoder.Decode(Message("everest_api/1/evse_manager_consumer/evse_1/m2e/reserve", """{"headers":{"replyTo":"everest_api/1/evse_manager_consumer/evse_1/e2m/reserve/5"},"payload":12}"""));

        Assert.Equal(12, result.Message!.PayloadAs<int>());
        Assert.Equal("everest_api/1/evse_manager_consumer/evse_1/e2m/reserve/5", result.Message.ReplyTo);
    }

    [Fact]
    public void A_reply_to_our_request_decodes_as_the_reply_type()
    {
        var result = decoder.Decode(Message("everest_api/1/evse_manager_consumer/evse_1/e2m/get_evse/5", """{"id":1,"connectors":[{"id":1,"type":"sType2"}]}"""));

        Assert.True(result.Message!.IsReply);
        Assert.Equal(ConnectorType.sType2, result.Message.PayloadAs<Evse>().Connectors[0].Type);
    }

    [Fact]
    public void A_modules_reply_to_everest_decodes_given_the_operation_it_answers()
    {
        var operation = EverestApiContract.Get(EverestApiType.System, "update_firmware");

        var result = decoder.DecodeReply(Message("everest_api/1/system/sys/m2e/reply/77", "\"Accepted\""), operation);

        Assert.Equal(UpdateFirmwareResponse.Accepted, result.Message!.PayloadAs<UpdateFirmwareResponse>());
        Assert.False(decoder.Decode(Message("everest_api/1/system/sys/m2e/reply/77", "\"Accepted\"")).IsSuccess);
    }

    [Theory]
    [InlineData("not/an/everest/topic", "{}", RejectionReason.NotEverestTopic)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/teleport", "{}", RejectionReason.UnknownOperation)]
    [InlineData("everest_api/1/evse_manager_consumer/e/m2e/limits", "{}", RejectionReason.UnknownOperation)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/session_event/7", "{}", RejectionReason.UnknownOperation)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/limits", "{\"max_current\":", RejectionReason.MalformedJson)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/limits", "", RejectionReason.MalformedJson)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/limits", "[1,2]", RejectionReason.WrongType)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/limits", "{\"max_current\":\"lots\",\"nr_of_phases_available\":3}", RejectionReason.WrongType)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/heartbeat", "-1", RejectionReason.WrongType)]
    [InlineData("everest_api/1/evse_manager_consumer/e/e2m/ready", "\"yes\"", RejectionReason.WrongType)]
    [InlineData("everest_api/1/system/s/e2m/update_firmware", "{\"payload\":{}}", RejectionReason.MissingReplyTo)]
    [InlineData("everest_api/1/system/s/e2m/update_firmware", "{\"headers\":{\"replyTo\":\"r\"}}", RejectionReason.WrongType)]
    [InlineData("everest_api/1/system/s/e2m/update_firmware", "{\"headers\":{\"replyTo\":\"r\"},\"payload\":{\"location\":\"x\"}}", RejectionReason.WrongType)]
    [InlineData("everest_api/1/system/s/e2m/update_firmware", "nonsense", RejectionReason.MalformedJson)]
    public void Bad_input_is_a_rejection_value_not_an_exception(string topic, string body, RejectionReason reason)
    {
        var result = decoder.Decode(Message(topic, body));

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Rejection.Reason);
        Assert.Equal(topic, result.Rejection.Topic);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Detail));
    }

    [Fact]
    public void Rejections_are_counted_per_topic()
    {
        decoder.Decode(Message("everest_api/1/evse_manager_consumer/a/e2m/limits", "{"));
        decoder.Decode(Message("everest_api/1/evse_manager_consumer/a/e2m/limits", "{"));
        decoder.Decode(Message("everest_api/1/evse_manager_consumer/b/e2m/limits", "{"));
        decoder.Decode(Message("everest_api/1/evse_manager_consumer/b/e2m/limits", """{"max_current":1,"nr_of_phases_available":1}"""));

        Assert.Equal(3, decoder.RejectedCount);
        Assert.Equal(2, decoder.RejectionsByTopic["everest_api/1/evse_manager_consumer/a/e2m/limits"]);
        Assert.Equal(1, decoder.RejectionsByTopic["everest_api/1/evse_manager_consumer/b/e2m/limits"]);
    }

    [Fact]
    public void Rejection_counts_stay_bounded_when_a_publisher_invents_topics()
    {
        for (var index = 0; index < EverestMessageDecoder.MaxTrackedTopics + 10; index++)
        {
            decoder.Decode(Message($"everest_api/1/evse_manager_consumer/m{index}/e2m/limits", "{"));
        }

        Assert.Equal(EverestMessageDecoder.MaxTrackedTopics + 1, decoder.RejectionsByTopic.Count);
        Assert.Equal(10, decoder.RejectionsByTopic[EverestMessageDecoder.OtherTopics]);
        Assert.Equal(EverestMessageDecoder.MaxTrackedTopics + 10, decoder.RejectedCount);
    }
}
