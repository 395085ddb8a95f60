using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Everest.Site.Mqtt.MqttNet;
using Everest.Site.Persistence.Sql;
using ApiOptions = Everest.Site.EverestApi.EverestApiOptions;

namespace Everest.Site.Hosting;

/// <summary>
/// Maps the validated site options onto the settings records of the libraries. The libraries know nothing
/// of HOCON or <c>IConfiguration</c>; this is the one place where the two vocabularies meet.
/// </summary>
public static class LibrarySettings
{
    /// <summary>The SQL journal's settings, or null when <c>persistence.provider = memory</c>.</summary>
    public static SqlJournalSettings? ForJournal(PersistenceOptions persistence)
    {
        ArgumentNullException.ThrowIfNull(persistence);
        SqlProvider? provider = persistence.Provider switch
        {
            PersistenceProvider.Sqlite => SqlProvider.Sqlite,
            PersistenceProvider.Postgresql => SqlProvider.PostgreSql,
            PersistenceProvider.Memory => null,
            _ => throw new ArgumentOutOfRangeException(nameof(persistence), persistence.Provider, "everest-site.persistence.provider has an unknown value."),
        };
        if (provider is null)
        {
            return null;
        }

        return new SqlJournalSettings
        {
            Provider = provider.Value,
            SqlitePath = persistence.Sqlite.Path,
            SqliteSynchronous = persistence.Sqlite.Synchronous switch
            {
                Configuration.SqliteSynchronous.Normal => Persistence.Sql.SqliteSynchronous.Normal,
                Configuration.SqliteSynchronous.Off => Persistence.Sql.SqliteSynchronous.Off,
                _ => Persistence.Sql.SqliteSynchronous.Full,
            },
            SqliteBusyTimeout = persistence.Sqlite.BusyTimeout,
            PostgreSqlConnectionString = persistence.Postgresql.ConnectionString,
            BatchMaxSize = persistence.Batch.MaxSize,
            QueryPollInterval = persistence.Query.PollInterval,
        };
    }

    /// <summary>
    /// The MQTT client's settings. The controller keeps a persistent session (clean session off)
    /// under its stable client id, so QoS 1 messages EVerest sent while it was away arrive on return; its
    /// last will marks it offline on the status topic.
    /// </summary>
    public static MqttNetTransportOptions ForMqttClient(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        return new MqttNetTransportOptions
        {
            Host = mqtt.Host,
            Port = mqtt.Port,
            ClientId = mqtt.ClientId,
            CleanSession = false,
            Username = string.IsNullOrEmpty(mqtt.Username) ? null : mqtt.Username,
            Password = string.IsNullOrEmpty(mqtt.Password) ? null : mqtt.Password,
            KeepAlive = mqtt.KeepAlive,
            Tls = new MqttNetTlsOptions
            {
                Enabled = mqtt.Tls.Enabled,
                CaFile = NullIfEmpty(mqtt.Tls.CaFile),
                CertFile = NullIfEmpty(mqtt.Tls.CertFile),
                KeyFile = NullIfEmpty(mqtt.Tls.KeyFile),
            },
            Reconnect = new MqttNetReconnectOptions { MinDelay = mqtt.Reconnect.MinDelay, MaxDelay = mqtt.Reconnect.MaxDelay },
            LastWill = string.IsNullOrEmpty(mqtt.LastWillTopic)
                ? null
                : new MqttMessage(mqtt.LastWillTopic, "offline"u8.ToArray(), MqttQos.AtLeastOnce, Retain: true),
        };
    }

    /// <summary>The EVerest API layer's timing.</summary>
    public static ApiOptions ForEverestApi(Configuration.EverestApiOptions api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new ApiOptions
        {
            RequestTimeout = api.RequestTimeout,
            CommunicationCheckInterval = api.CommunicationCheckInterval,
            HeartbeatTimeout = api.HeartbeatTimeout,
            ReplyDeadline = api.ReplyDeadline,
        }.Validate();
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
