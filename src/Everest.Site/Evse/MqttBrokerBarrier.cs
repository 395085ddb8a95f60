using System.Globalization;
using System.Text;
using Everest.Site.Mqtt;

namespace Everest.Site.Evse;

/// <summary>
/// The <see cref="IBrokerBarrier"/> of the controller's MQTT connection: the marker is a QoS 1 message on
/// <see cref="Topic"/> (<c>everest-site/{client id}/barrier</c>), which the controller itself subscribes to
/// (<see cref="EvseMessageRouter"/>). mosquitto keeps one ordered queue of QoS 1 messages per client session, so the
/// marker arrives after every QoS 1 message that was queued for us before the broker took it. The payload is
/// <c>{nonce} {evse id}</c>: EVSE ids are free text in configuration, and a topic segment could not carry every one.
/// </summary>
public sealed class MqttBrokerBarrier : IBrokerBarrier
{
    private readonly IMqttTransport _transport;

    /// <param name="clientId">The controller's MQTT client id; it keeps two controllers on one broker apart.</param>
    public MqttBrokerBarrier(IMqttTransport transport, string clientId)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        _transport = transport;
        Topic = TopicOf(clientId);
    }

    /// <summary>Where the markers travel; also the topic filter the router subscribes to (it has no wildcard).</summary>
    public string Topic { get; }

    /// <summary>The marker topic of a controller with MQTT client id <paramref name="clientId"/> (wildcards and levels replaced).</summary>
    public static string TopicOf(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var segment = new StringBuilder(clientId.Length);
        foreach (var c in clientId)
        {
            segment.Append(c is '+' or '#' or '/' or '\0' ? '_' : c);
        }

        return $"everest-site/{segment}/barrier";
    }

    public Task RequestAsync(string evseId, long nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(evseId);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{nonce} {evseId}"));
        return _transport.PublishAsync(new MqttMessage(Topic, payload, MqttQos.AtLeastOnce));
    }

    /// <summary>Reads a marker's payload; false for anything this class did not write.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out string evseId, out long nonce)
    {
        evseId = "";
        nonce = 0;
        var space = payload.IndexOf((byte)' ');
        if (space <= 0 || space == payload.Length - 1)
        {
            return false;
        }

        if (!long.TryParse(payload[..space], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out nonce))
        {
            return false;
        }

        evseId = Encoding.UTF8.GetString(payload[(space + 1)..]);
        return true;
    }
}
