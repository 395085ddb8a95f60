namespace Everest.Site.Mqtt.Tests.Contract;

/// <summary>What the transport contract suite needs from one implementation: fresh clients on a fresh-enough broker.</summary>
public interface ITransportUnderTest : IAsyncDisposable
{
    /// <summary>Creates a client, not yet connected, with a persistent session and no last will.</summary>
    IMqttTransport CreateClient(string clientId);
}
