using System.Text;
using Everest.Site.Mqtt;

namespace Everest.Site.EverestApi.Tests.Wire;

/// <summary>Bad input never escapes the decoder as an exception, whatever the bytes.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0", "\"payload\"", "\"headers\"", "\"replyTo\"",
        "\"x\"", "{}", "[]", "\"2024-13-45T99:00:00Z\"", "18446744073709551616", "\\u0000", "\u00ff", " ",
    ];

    [Fact]
    public void Random_bodies_on_every_operation_topic_decode_or_are_rejected()
    {
        var decoder = new EverestMessageDecoder();
        var random = new Random(20260301);
        var decoded = 0;

        foreach (var operation in EverestApiContract.Operations)
        {
            var topic = (operation.Direction == MessageDirection.ModuleToEverest
                ? EverestTopic.ToEverest(operation.Api, "m", operation.Name)
                : EverestTopic.FromEverest(operation.Api, "m", operation.Name)).ToString();
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var body = attempt % 2 == 0 ? RandomJsonish(random) : RandomBytes(random);

                var result = decoder.Decode(new MqttMessage(topic, body));

                decoded += result.IsSuccess ? 1 : 0;
                Assert.True(result.IsSuccess || result.Rejection.Detail.Length > 0);
            }
        }

        // Operations without payload accept anything; everything else was rejected with a reason.
        Assert.True(decoder.RejectedCount > 0);
        Assert.True(decoded > 0);
    }

    [Fact]
    public void Random_topics_are_rejected_as_not_everest_topics()
    {
        var decoder = new EverestMessageDecoder();
        var random = new Random(7);

        for (var attempt = 0; attempt < 500; attempt++)
        {
            var segments = Enumerable.Range(0, random.Next(1, 9)).Select(_ => Fragments[random.Next(Fragments.Length)]);
            var result = decoder.Decode(new MqttMessage(string.Join('/', segments), "{}"u8.ToArray()));

            Assert.False(result.IsSuccess);
        }
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_naming_the_key()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new EverestApiOptions { HeartbeatTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains("everest-site.everest-api.heartbeat-timeout", exception.Message, StringComparison.Ordinal);
        Assert.Equal(
            (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)),
            (new EverestApiOptions().RequestTimeout, new EverestApiOptions().CommunicationCheckInterval, new EverestApiOptions().HeartbeatTimeout));
    }

    private static byte[] RandomJsonish(Random random) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Fragments[random.Next(Fragments.Length)])));

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }
}
