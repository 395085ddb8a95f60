using System.Text;

namespace Everest.Site.Mqtt.Tests.Support;

internal static class Payloads
{
    public static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(this MqttMessage message) => Encoding.UTF8.GetString(message.Payload.Span);
}
