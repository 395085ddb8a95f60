using Akka.Actor;

namespace Everest.Site.Evse;

/// <summary>The heartbeat silence timer fired: nothing heard from the EVSE for the heartbeat timeout.</summary>
internal sealed record HeartbeatSilence
{
    public static HeartbeatSilence Instance { get; } = new();
}

/// <summary>A command's EVerest call finished: <paramref name="Accepted"/> is EVerest's answer, or <paramref name="Error"/> why there is none.</summary>
internal sealed record CommandCompleted(IEvseCommand Command, IActorRef Requester, bool Accepted, Exception? Error);

internal sealed record EvseInfoReceived(EverestApi.Messages.Evse Evse);

internal sealed record EvseInfoFailed(Exception Cause);

/// <summary>The marker <paramref name="Nonce"/> could not be published (see <see cref="IBrokerBarrier"/>).</summary>
internal sealed record BrokerBarrierFailed(long Nonce, string Reason);
