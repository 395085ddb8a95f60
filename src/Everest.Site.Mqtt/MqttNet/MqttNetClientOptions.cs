using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>Turns <see cref="MqttNetTransportOptions"/> into MQTTnet's client options.</summary>
internal static class MqttNetClientOptions
{
    public static MqttClientOptions Create(MqttNetTransportOptions options, Func<MqttClientCertificateValidationEventArgs, bool> validateBrokerCertificate)
    {
        var result = new MqttClientOptions
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = options.ClientId,
            CleanSession = options.CleanSession,

            // MQTT 5 ends a session with its connection unless it has an expiry; uint.MaxValue means "never".
            SessionExpiryInterval = options.CleanSession ? 0 : options.SessionExpiry is { } expiry ? (uint)expiry.TotalSeconds : uint.MaxValue,
            KeepAlivePeriod = options.KeepAlive,
            Timeout = options.ConnectTimeout,
            ChannelOptions = new MqttClientTcpOptions
            {
                RemoteEndpoint = new DnsEndPoint(options.Host, options.Port),
                BufferSize = options.SocketBufferSize,
                NoDelay = options.TcpNoDelay,
                TlsOptions = options.Tls.Enabled ? Tls(options, validateBrokerCertificate) : new MqttClientTlsOptions { UseTls = false },
            },
        };

        if (options.Username is not null)
        {
            result.Credentials = new MqttClientCredentials(options.Username, options.Password is null ? null : Encoding.UTF8.GetBytes(options.Password));
        }

        if (options.LastWill is { } will)
        {
            result.WillTopic = will.Topic;
            result.WillPayload = will.Payload.ToArray();
            result.WillQualityOfServiceLevel = (MqttQualityOfServiceLevel)will.Qos;
            result.WillRetain = will.Retain;
        }

        return result;
    }

    private static MqttClientTlsOptions Tls(MqttNetTransportOptions options, Func<MqttClientCertificateValidationEventArgs, bool> validateBrokerCertificate)
    {
        var tls = new MqttClientTlsOptions
        {
            UseTls = true,
            TargetHost = options.Host,
            CertificateValidationHandler = validateBrokerCertificate,
        };

        if (!string.IsNullOrWhiteSpace(options.Tls.CaFile))
        {
            // Only these authorities are trusted then, not the system's store.
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.Tls.CaFile);
            tls.TrustChain = authorities;
        }

        if (!string.IsNullOrWhiteSpace(options.Tls.CertFile) && !string.IsNullOrWhiteSpace(options.Tls.KeyFile))
        {
            var certificate = X509Certificate2.CreateFromPemFile(options.Tls.CertFile, options.Tls.KeyFile);
            tls.ClientCertificatesProvider = new DefaultMqttCertificatesProvider([certificate]);
        }

        return tls;
    }
}
