using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Mqtt.Tests.Support;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.MqttNet;

/// <summary>
/// TLS against a real mosquitto whose only listener serves TLS, with certificates made in memory for each test:
/// plain MQTT cannot reach these brokers, so every message that arrives went through a verified TLS connection.
/// </summary>
public sealed class MqttNetTlsTests : OwnedResources
{
    private readonly List<IDisposable> certificates = [];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();

        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    [Fact]
    public async Task Messages_make_a_round_trip_over_tls_verified_against_the_ca_file()
    {
        var authority = Authority("site-test-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("127.0.0.1", "localhost"));
        var caFile = WriteCaFile(broker, authority, "trusted-ca.pem");
        var tls = new MqttNetTlsOptions { Enabled = true, CaFile = caFile };

        var subscriber = Client(broker, MqttNetClients.UniqueId("tls-sub"), tls);
        using var received = new MessageCollector(subscriber);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync("site/tls/#", MqttQos.AtLeastOnce);

        var publisher = Client(broker, MqttNetClients.UniqueId("tls-pub"), tls);
        await publisher.ConnectAsync();
        await publisher.PublishAsync(new MqttMessage("site/tls/1", Payloads.Utf8("over tls, qos 1"), MqttQos.AtLeastOnce));
        await publisher.PublishAsync(new MqttMessage("site/tls/0", Payloads.Utf8("over tls, qos 0"), MqttQos.AtMostOnce));

        var messages = await received.WaitForMessagesAsync(2);
        Assert.Equal(["site/tls/1:over tls, qos 1", "site/tls/0:over tls, qos 0"], messages.Select(m => $"{m.Topic}:{m.Text()}"));
        Assert.Equal(MqttConnectionState.Connected, subscriber.State);
    }

    [Fact]
    public async Task A_broker_that_requires_client_certificates_accepts_one_from_its_ca_and_refuses_a_client_without_for_good()
    {
        var authority = Authority("site-test-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("127.0.0.1", "localhost"), requireClientCertificate: true);
        var caFile = WriteCaFile(broker, authority, "trusted-ca.pem");
        var (certificateFile, keyFile) = Certificate(authority.IssueClientCertificate("site-controller")).WriteTo(broker.Directory, "controller");

        var withCertificate = Client(broker, MqttNetClients.UniqueId("tls-cert"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile, CertFile = certificateFile, KeyFile = keyFile });
        using var received = new MessageCollector(withCertificate);
        await withCertificate.ConnectAsync();
        await withCertificate.SubscribeAsync("site/mtls");
        await withCertificate.PublishAsync(new MqttMessage("site/mtls", Payloads.Utf8("authenticated"), MqttQos.AtLeastOnce));
        Assert.Equal("authenticated", Assert.Single(await received.WaitForMessagesAsync(1)).Text());

        var without = Client(broker, MqttNetClients.UniqueId("tls-nocert"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile });
        using var withoutEvents = new MessageCollector(without);
        var error = await Assert.ThrowsAsync<MqttException>(() => without.ConnectAsync());

        AssertPermanentTlsError(error, broker);
        await withoutEvents.WaitForStateAsync(MqttConnectionState.Disconnected);
        Assert.DoesNotContain(withoutEvents.States, s => s.State == MqttConnectionState.Connected);
        Assert.Equal(MqttConnectionState.Connected, withCertificate.State);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_for_good()
    {
        var authority = Authority("site-test-ca");
        var stranger = Authority("stranger-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("127.0.0.1"), requireClientCertificate: true);
        var caFile = WriteCaFile(broker, authority, "trusted-ca.pem");
        var (trustedCertificateFile, trustedKeyFile) = Certificate(authority.IssueClientCertificate("site-controller")).WriteTo(broker.Directory, "controller");
        var (certificateFile, keyFile) = Certificate(stranger.IssueClientCertificate("intruder")).WriteTo(broker.Directory, "intruder");

        // The same TLS settings with the broker's own CA's certificate work, so what is refused is the certificate.
        var trusted = Client(broker, MqttNetClients.UniqueId("tls-trusted"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile, CertFile = trustedCertificateFile, KeyFile = trustedKeyFile });
        await trusted.ConnectAsync();

        var client = Client(broker, MqttNetClients.UniqueId("tls-intruder"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile, CertFile = certificateFile, KeyFile = keyFile });
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());

        AssertPermanentTlsError(error, broker);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task A_ca_that_did_not_sign_the_broker_certificate_fails_connect_with_a_permanent_error()
    {
        var authority = Authority("site-test-ca");
        var stranger = Authority("stranger-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("127.0.0.1", "localhost"));
        var wrongCaFile = WriteCaFile(broker, stranger, "wrong-ca.pem");

        var client = Client(broker, MqttNetClients.UniqueId("tls-wrongca"), new MqttNetTlsOptions { Enabled = true, CaFile = wrongCaFile });
        using var events = new MessageCollector(client);
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());

        AssertPermanentTlsError(error, broker);
        Assert.Contains("certificate verify failed", error.Message, StringComparison.Ordinal);
        await events.WaitForStateAsync(MqttConnectionState.Disconnected);
        Assert.DoesNotContain(events.States, s => s.State == MqttConnectionState.Connected);
    }

    [Fact]
    public async Task A_broker_certificate_for_another_host_name_fails_connect_with_a_permanent_error()
    {
        var authority = Authority("site-test-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("broker.example", "10.11.12.13"));
        var caFile = WriteCaFile(broker, authority, "trusted-ca.pem");

        var client = Client(broker, MqttNetClients.UniqueId("tls-wronghost"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile });
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());

        AssertPermanentTlsError(error, broker);
        Assert.Contains("certificate verify failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(MqttConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task A_tls_broker_that_is_not_running_yet_is_a_transient_error_and_the_client_connects_once_it_is_up()
    {
        var authority = Authority("site-test-ca");
        var broker = await StartTlsBrokerAsync(authority, authority.IssueServerCertificate("127.0.0.1"));
        var caFile = WriteCaFile(broker, authority, "trusted-ca.pem");
        await broker.StopAsync();

        var client = Client(broker, MqttNetClients.UniqueId("tls-early"), new MqttNetTlsOptions { Enabled = true, CaFile = caFile });
        using var events = new MessageCollector(client);
        var error = await Assert.ThrowsAsync<MqttException>(() => client.ConnectAsync());
        Assert.True(error.IsTransient, $"expected a transient error, got: {error.Message}");

        await broker.StartAgainAsync();

        await events.WaitForStateAsync(MqttConnectionState.Connected);
        await client.PublishAsync(new MqttMessage("site/tls/up", Payloads.Utf8("up"), MqttQos.AtLeastOnce));
    }

    private static void AssertPermanentTlsError(MqttException error, MosquittoBroker broker)
    {
        Assert.False(error.IsTransient, $"expected a permanent error, got: {error.Message}");
        Assert.Contains($"TLS connection to 127.0.0.1:{broker.Port} failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("everest-site.mqtt.tls", error.Message, StringComparison.Ordinal);
    }

    private static string WriteCaFile(MosquittoBroker broker, TestCertificateAuthority authority, string name)
    {
        var file = Path.Combine(broker.Directory, name);
        File.WriteAllText(file, authority.CertificatePem);
        return file;
    }

    private TestCertificateAuthority Authority(string name)
    {
        var authority = TestCertificateAuthority.Create(name);
        certificates.Add(authority);
        return authority;
    }

    private TestCertificate Certificate(TestCertificate certificate)
    {
        certificates.Add(certificate);
        return certificate;
    }

    private async Task<MosquittoBroker> StartTlsBrokerAsync(TestCertificateAuthority authority, TestCertificate serverCertificate, bool requireClientCertificate = false)
    {
        Certificate(serverCertificate);
        var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions
        {
            Persistence = false,
            Tls = new MosquittoBrokerTls
            {
                CaCertificatesPem = authority.CertificatePem,
                CertificatePem = serverCertificate.CertificatePem,
                PrivateKeyPem = serverCertificate.PrivateKeyPem,
                RequireClientCertificate = requireClientCertificate,
            },
        });
        return Own(broker);
    }

    private MqttNetTransport Client(MosquittoBroker broker, string clientId, MqttNetTlsOptions tls)
    {
        var client = new MqttNetTransport(MqttNetClients.For(broker, clientId) with { Tls = tls });
        return Own(client);
    }
}
