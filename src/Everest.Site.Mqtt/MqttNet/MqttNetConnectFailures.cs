using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;

namespace Everest.Site.Mqtt.MqttNet;

/// <summary>
/// Says why a connection failed, in words an operator can act on, and whether trying again can help
/// (<see cref="MqttException.IsTransient"/>): retrying cannot fix credentials, authorisation, a rejected client id or
/// a TLS setup that fails before the first connection; it can fix a broker that is down or unreachable.
/// </summary>
internal static class MqttNetConnectFailures
{
    /// <summary>The broker answered CONNECT with a refusal.</summary>
    public static MqttException Refused(MqttClientConnectResult result, string broker)
    {
        var text = string.IsNullOrEmpty(result.ReasonString) ? result.ResultCode.ToString() : $"{result.ResultCode}: {result.ReasonString}";
        string? permanent = result.ResultCode switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or MqttClientConnectResultCode.Banned
                or MqttClientConnectResultCode.BadAuthenticationMethod => $"not authorised ({text}): check everest-site.mqtt.username/password",
            MqttClientConnectResultCode.ClientIdentifierNotValid => $"the broker rejected the client id ({text}): check everest-site.mqtt.client-id",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => $"the broker does not accept MQTT 5 ({text})",
            _ => null,
        };

        return permanent is not null
            ? new MqttException($"The MQTT broker {broker} refused the connection: {permanent}.") { IsTransient = false }
            : new MqttException($"The MQTT broker {broker} refused the connection for now: {text}; still trying in the background.") { IsTransient = true };
    }

    /// <summary>Connecting threw: the broker could not be reached, did not answer, or TLS failed.</summary>
    public static MqttException Classify(Exception error, MqttNetTransportOptions options, string broker, bool hasConnected, string? certificateProblem)
    {
        var socket = Find<SocketException>(error);
        var unreachable = socket?.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.TryAgain or SocketError.TimedOut or SocketError.NoData;
        if (error is OperationCanceledException)
        {
            return new MqttException($"No answer from the MQTT broker {broker} within {options.ConnectTimeout.TotalSeconds:0.#} s; still trying in the background.", error) { IsTransient = true };
        }

        // TLS that fails before the first connection is a configuration problem retrying cannot fix: wrong CA, wrong
        // host name, a port without TLS, a client certificate missing or refused. With TLS 1.3 a broker checks the
        // client certificate only after the client's side of the handshake, so the client sees just the connection
        // closing before the CONNACK; any failure of a TLS broker that accepted the TCP connection counts.
        if (options.Tls.Enabled && !hasConnected && !unreachable)
        {
            var detail = certificateProblem ?? Find<AuthenticationException>(error)?.Message ?? $"the broker closed the connection before accepting the client: {Innermost(error).Message}";
            return new MqttException(
                $"Cannot connect: the TLS connection to {broker} failed ({detail}): check everest-site.mqtt.tls.* (ca-file, and cert-file/key-file if the broker requires a client certificate) and that this port serves TLS.",
                error)
            {
                IsTransient = false,
            };
        }

        return new MqttException($"Cannot reach the MQTT broker {broker} ({Innermost(error).Message}); still trying in the background.", error) { IsTransient = true };
    }

    /// <summary>Why an established connection ended.</summary>
    public static string DescribeLoss(MqttClientDisconnectedEventArgs e)
    {
        if (e.Reason == MqttClientDisconnectReason.SessionTakenOver)
        {
            return "another client with the same client id took the session over";
        }

        var detail = e.Exception is { } exception ? Innermost(exception).Message : e.ReasonString;
        if (string.IsNullOrEmpty(detail) && e.Reason == MqttClientDisconnectReason.NormalDisconnection)
        {
            // mosquitto closes a session taken over by another client this way, as it does when it shuts down.
            return "the broker closed the connection (shutting down, or another client with the same client id took the session over)";
        }

        return string.IsNullOrEmpty(detail) ? e.Reason.ToString() : $"{e.Reason}: {detail}";
    }

    /// <summary>Why the broker's certificate was refused, with OpenSSL's wording that operators search for.</summary>
    public static string DescribeCertificateProblem(MqttClientCertificateValidationEventArgs e, string host)
    {
        var problems = new List<string>();
        if (e.SslPolicyErrors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            problems.Add($"the certificate is not for '{host}'");
        }

        if (e.SslPolicyErrors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var chain = e.Chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct() ?? [];
            problems.Add($"it does not chain to a trusted CA ({string.Join(", ", chain)})");
        }

        if (e.SslPolicyErrors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            problems.Add("the broker sent no certificate");
        }

        return $"certificate verify failed: {string.Join("; ", problems)}";
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception error)
    {
        var e = error;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
