using Everest.Site.Evse;
using Everest.Site.Mqtt;

namespace Everest.Site.Scenarios.Support;

/// <summary>
/// The controller's real <see cref="MqttBrokerBarrier"/>, which a story can hold: while held, the markers the EVSE
/// actors ask for are kept back and published only on <see cref="ReleaseAsync"/>, so a story can put session events
/// on the broker ahead of a marker, as a broker's backlog would be.
/// </summary>
internal sealed class HeldBrokerBarrier(IMqttTransport transport, string clientId) : IBrokerBarrier
{
    private readonly object _gate = new();
    private readonly List<(string EvseId, long Nonce)> _held = [];
    private bool _holding;
    private int _requests;

    public MqttBrokerBarrier Inner { get; } = new(transport, clientId);

    /// <summary>Markers asked for so far (held or sent).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Markers kept back now.</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Keeps the markers asked for from now on until <see cref="ReleaseAsync"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Publishes the markers kept back, in the order they were asked for, and stops holding.</summary>
    public async Task ReleaseAsync()
    {
        List<(string EvseId, long Nonce)> held;
        lock (_gate)
        {
            _holding = false;
            held = [.. _held];
            _held.Clear();
        }

        foreach (var (evseId, nonce) in held)
        {
            await Inner.RequestAsync(evseId, nonce);
        }
    }

    public Task RequestAsync(string evseId, long nonce)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            if (_holding)
            {
                _held.Add((evseId, nonce));
                return Task.CompletedTask;
            }
        }

        return Inner.RequestAsync(evseId, nonce);
    }
}
