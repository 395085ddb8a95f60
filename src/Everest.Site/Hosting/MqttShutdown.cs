using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>
/// Registered before the actor system, so stopped after it (only <see cref="SqliteJournalClose"/> stops later): once the actor system has shut down (and with it the
/// journal), it publishes a retained <c>offline</c> on the status topic (a clean disconnect sends no last will, and the
/// status must not keep saying <c>online</c>) and disconnects the MQTT transport the host made, cleanly.
/// A transport lent by the caller is left as it is.
/// </summary>
internal sealed partial class MqttShutdown(IMqttTransport transport, MqttOwnership ownership, EverestSiteOptions options, ILogger<MqttShutdown> logger) : IHostedService
{
    /// <summary>A broker that has gone away must not hold the shutdown up longer than this.</summary>
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (ownership.OwnedByHost)
        {
            await DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStopped(logger);
    }

    private async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DisconnectTimeout);
        try
        {
            if (LibrarySettings.ForMqttClient(options.Mqtt).LastWill is { } offline && transport.State == MqttConnectionState.Connected)
            {
                await transport.PublishAsync(offline, timeout.Token).ConfigureAwait(false);
            }

            await transport.DisconnectAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or MqttException)
        {
            LogDisconnectFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT disconnect did not complete cleanly: {Reason}")]
    private static partial void LogDisconnectFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site stopped")]
    private static partial void LogStopped(ILogger logger);
}
