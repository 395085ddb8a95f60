using System.Text;
using System.Text.Json.Nodes;
using Everest.Site.EverestApi.Json;
using Everest.Site.Mqtt;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>Decodes JSON the way it arrives on the wire and re-encodes the result the way we publish it.</summary>
public static class WireRoundTrip
{
    public const string ModuleId = "module_1";

    /// <summary>The message on the operation's own topic (the envelope, for requests in either direction).</summary>
    public static (EverestMessage Decoded, JsonNode? Encoded) Message(OperationDescriptor operation, JsonNode? json)
    {
        var topic = operation.Direction == MessageDirection.ModuleToEverest
            ? EverestTopic.ToEverest(operation.Api, ModuleId, operation.Name)
            : EverestTopic.FromEverest(operation.Api, ModuleId, operation.Name);
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json.ToJsonString());
        var result = new EverestMessageDecoder().Decode(new MqttMessage(topic.ToString(), body));
        Assert.True(result.IsSuccess, $"{operation}: {result.Rejection}");

        var decoded = result.Message;
        byte[] encoded = operation.HasEnvelope
            ? EverestJson.EncodeRequest(decoded.ReplyTo!, decoded.Payload, operation.PayloadType)
            : operation.PayloadType is null ? [] : EverestJson.Encode(decoded.Payload, operation.PayloadType);
        return (decoded, encoded.Length == 0 ? null : JsonNode.Parse(encoded));
    }

    /// <summary>A bare reply value of a request (either direction).</summary>
    public static (object Decoded, JsonNode? Encoded) Reply(OperationDescriptor operation, JsonNode? json)
    {
        var replyType = operation.ReplyType ?? throw new ArgumentException($"{operation} has no reply.", nameof(operation));
        var decoded = EverestJson.Decode(Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null"), replyType);
        return (decoded, JsonNode.Parse(EverestJson.Encode(decoded, replyType)));
    }
}
