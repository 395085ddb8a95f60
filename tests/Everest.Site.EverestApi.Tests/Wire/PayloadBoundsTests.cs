using System.Text;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Time.Testing;

namespace Everest.Site.EverestApi.Tests.Wire;

/// <summary>
/// Payloads that are well-formed JSON of the right shape but cannot be true are rejected when decoded, with a
/// reason, and counted per topic and reason. Each case is a real payload on the topic it arrives on.
/// </summary>
public sealed class PayloadBoundsTests
{
    private const string Powermeter = "everest_api/1/evse_manager_consumer/evse_1/e2m/powermeter";
    private const string SessionEvent = "everest_api/1/evse_manager_consumer/evse_1/e2m/session_event";
    private const string Limits = "everest_api/1/evse_manager_consumer/evse_1/e2m/limits";
    private const string HardwareCapabilities = "everest_api/1/evse_manager_consumer/evse_1/e2m/hw_capabilities";
    private const string UpdateFirmware = "everest_api/1/system/sys/e2m/update_firmware";

    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly EverestMessageDecoder decoder = new(time: new FakeTimeProvider(Now));

    public static TheoryData<string, string, RejectionReason> ImpossiblePayloads => new()
    {
        { Powermeter, MeterReading("\"total\":1e400"), RejectionReason.NonFiniteNumber },
        { Powermeter, MeterReading("\"total\":-1e400"), RejectionReason.NonFiniteNumber },
        { Powermeter, MeterReading("\"total\":1e308"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":-0.5"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":10,\"L1\":-3"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":10", extra: ",\"current_A\":{\"L1\":10001}"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":10", extra: ",\"power_W\":{\"total\":2e9}"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":10", extra: ",\"voltage_V\":{\"L1\":-1e6}"), RejectionReason.OutOfRange },
        { Powermeter, MeterReading("\"total\":10", timestamp: "0001-01-01T00:00:00Z"), RejectionReason.ImpossibleTimestamp },
        { Powermeter, MeterReading("\"total\":10", timestamp: "1999-12-31T23:59:59Z"), RejectionReason.ImpossibleTimestamp },
        { Powermeter, MeterReading("\"total\":10", timestamp: "2099-01-01T00:00:00Z"), RejectionReason.ImpossibleTimestamp },
        { Powermeter, MeterReading("\"total\":10", timestamp: "2026-03-03T08:00:01Z"), RejectionReason.ImpossibleTimestamp },
        { Powermeter, MeterReading("\"total\":10", extra: $",\"meter_id\":\"{new string('m', 256)}\""), RejectionReason.StringTooLong },
        { Limits, """{"max_current":-1e400,"nr_of_phases_available":3}""", RejectionReason.NonFiniteNumber },
        { Limits, """{"max_current":1e5,"nr_of_phases_available":3}""", RejectionReason.OutOfRange },
        { SessionEvent, Started(new string('u', 256), "RFID-1"), RejectionReason.StringTooLong },
        { SessionEvent, Started("s-1", new string('t', 256)), RejectionReason.StringTooLong },
        { SessionEvent, Started("s-1", "RFID-1", timestamp: "9999-12-31T23:59:59Z"), RejectionReason.ImpossibleTimestamp },
        { UpdateFirmware, FirmwareRequest("2100-01-01T00:00:00Z"), RejectionReason.ImpossibleTimestamp },
    };

    [Theory]
    [MemberData(nameof(ImpossiblePayloads))]
    public void An_impossible_payload_is_rejected_with_its_reason_and_counted_under_its_topic(string topic, string body, RejectionReason reason)
    {
        var result = decoder.Decode(new MqttMessage(topic, Encoding.UTF8.GetBytes(body)));

        Assert.False(result.IsSuccess, $"{topic} decoded {body}");
        Assert.Equal(reason, result.Rejection.Reason);
        Assert.Equal(1, decoder.Rejections[(topic, reason)]);
        Assert.Equal(1, decoder.RejectionsByTopic[topic]);
    }

    [Fact]
    public void Payloads_at_the_edges_of_the_bounds_decode()
    {
        string[] bodies =
        [
            MeterReading("\"total\":1e12,\"L1\":0", extra: $",\"current_A\":{{\"L1\":-10000}},\"meter_id\":\"{new string('m', 255)}\""),
            MeterReading("\"total\":0", timestamp: "2000-01-01T00:00:00Z"),
            MeterReading("\"total\":0", timestamp: "2026-03-03T08:00:00Z"),
        ];

        foreach (var body in bodies)
        {
            var result = decoder.Decode(new MqttMessage(Powermeter, Encoding.UTF8.GetBytes(body)));
            Assert.True(result.IsSuccess, result.Rejection?.ToString());
        }

        // A planned time may lie further ahead than an observation: firmware installs are scheduled days ahead.
        Assert.True(decoder.Decode(new MqttMessage(UpdateFirmware, Encoding.UTF8.GetBytes(FirmwareRequest("2026-04-01T00:00:00Z")))).IsSuccess);
    }

    [Fact]
    public void A_payload_over_the_configured_size_is_rejected_unread_and_the_limit_is_named()
    {
        var small = new EverestMessageDecoder(options: new EverestApiOptions { MaxPayloadBytes = 2048 });
        var body = $$"""{"uuid":"{{new string('x', 2100)}}"}""";

        var result = small.Decode(new MqttMessage(SessionEvent, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(RejectionReason.PayloadTooLarge, result.Rejection!.Reason);
        Assert.Contains("max-payload-size", result.Rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(1, small.Rejections[(SessionEvent, RejectionReason.PayloadTooLarge)]);
    }

    [Fact]
    public void The_default_size_limit_is_64_KiB()
    {
        var oneTooMany = new byte[(64 * 1024) + 1];

        Assert.Equal(RejectionReason.PayloadTooLarge, decoder.Decode(new MqttMessage(HardwareCapabilities, oneTooMany)).Rejection!.Reason);
        Assert.NotEqual(RejectionReason.PayloadTooLarge, decoder.Decode(new MqttMessage(HardwareCapabilities, oneTooMany[1..])).Rejection!.Reason);
    }

    [Fact]
    public void The_clock_skew_is_configurable()
    {
        var strict = new EverestMessageDecoder(time: new FakeTimeProvider(Now), options: new EverestApiOptions { MaxClockSkew = TimeSpan.FromMinutes(1) });

        var result = strict.Decode(new MqttMessage(Powermeter, Encoding.UTF8.GetBytes(MeterReading("\"total\":1", timestamp: "2026-03-02T08:01:01Z"))));

        Assert.Equal(RejectionReason.ImpossibleTimestamp, result.Rejection!.Reason);
    }

    [Fact]
    public void Invented_topics_of_60_kB_are_counted_and_reported_under_a_bounded_key()
    {
        var topic = "everest_api/1/evse_manager_consumer/" + new string('x', 60_000) + "/e2m/powermeter";

        var result = decoder.Decode(new MqttMessage(topic, "{}"u8.ToArray()));

        Assert.True(result.Rejection!.Topic.Length <= EverestMessageDecoder.MaxTopicKeyLength + 1);
        Assert.True(result.Rejection.Detail.Length <= 513);
        Assert.All(decoder.RejectionsByTopic.Keys, key => Assert.True(key.Length <= EverestMessageDecoder.MaxTopicKeyLength + 1));
    }

    [Fact]
    public void Ten_thousand_rejections_on_a_thousand_invented_topics_write_one_warning_per_reason_and_interval()
    {
        var time = new FakeTimeProvider(Now);
        var logger = new Support.RecordingLogger<EverestMessageDecoder>();
        var flooded = new EverestMessageDecoder(logger, time);

        for (var i = 0; i < 10_000; i++)
        {
            flooded.Decode(new MqttMessage($"everest_api/1/evse_manager_consumer/ghost_{i % 1000}/e2m/powermeter", "{"u8.ToArray()));
        }

        Assert.Equal(10_000, flooded.RejectedCount);
        Assert.Single(logger.Lines);

        time.Advance(WarningThrottle.DefaultInterval);
        flooded.Decode(new MqttMessage("everest_api/1/evse_manager_consumer/ghost_next/e2m/powermeter", "{"u8.ToArray()));

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("999 first rejections on other topics", logger.Lines[1].Message, StringComparison.Ordinal);
    }

    private static string MeterReading(string energy, string timestamp = "2026-03-02T07:59:00Z", string extra = "") =>
        $$"""{"timestamp":"{{timestamp}}","energy_Wh_import":{{{energy}}}{{extra}}}""";

    private static string Started(string uuid, string token, string timestamp = "2026-03-02T07:59:00Z") =>
        "{\"uuid\":\"" + uuid + "\",\"event\":\"SessionStarted\",\"timestamp\":\"" + timestamp + "\",\"session_started\":{\"reason\":\"Authorized\","
        + "\"id_tag\":{\"id_token\":{\"value\":\"" + token + "\",\"type\":\"ISO14443\"},\"authorization_type\":\"RFID\"},"
        + "\"meter_value\":{\"timestamp\":\"" + timestamp + "\",\"energy_Wh_import\":{\"total\":1}}}}";

    private static string FirmwareRequest(string installAt) =>
        $$$"""{"headers":{"replyTo":"everest_api/1/system/sys/m2e/reply/1"},"payload":{"request_id":1,"location":"https://fw.example/fw.bin","retrieve_timestamp":"2026-03-02T08:00:00Z","install_timestamp":"{{{installAt}}}"}}""";
}
