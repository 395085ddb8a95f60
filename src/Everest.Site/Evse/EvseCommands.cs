using Everest.Site.EverestApi.Messages;

namespace Everest.Site.Evse;

/// <summary>
/// A command to an <see cref="EvseActor"/>. Every command is answered with one <see cref="EvseCommandResult"/>:
/// success only when EVerest accepted it (requests) or it was published (fire-and-forget commands).
/// </summary>
public interface IEvseCommand
{
    /// <summary>The EVerest operation the command is executed with (for replies and logs).</summary>
    string Operation { get; }
}

/// <summary>
/// Sets this controller's entry in EvseManager's enable/disable table. EVerest keeps one entry per source; the
/// lowest priority number wins (0 strongest; the CSMS uses 5000, the local API 100); on a tie Disable wins;
/// <see cref="EnableState.Unassigned"/> withdraws the source's entry.
/// </summary>
public sealed record SetAvailability(EnableState State, EnableSource Source, int Priority, int ConnectorId = 0) : IEvseCommand
{
    public const int LocalApiPriority = 100;

    public string Operation => "enable_disable";

    public static SetAvailability Enable(int priority = LocalApiPriority) => new(EnableState.Enable, EnableSource.LocalAPI, priority);

    public static SetAvailability Disable(int priority = LocalApiPriority) => new(EnableState.Disable, EnableSource.LocalAPI, priority);
}

/// <summary>Pauses charging on behalf of the site controller; the pause that follows is attributed to the site.</summary>
/// <param name="Reason">Why the site pauses (kept with the pause in the history).</param>
public sealed record PauseCharging(string Reason) : IEvseCommand
{
    public string Operation => "pause_charging";
}

/// <summary>Resumes charging that the site paused (EVerest refuses it from any other pause).</summary>
public sealed record ResumeCharging : IEvseCommand
{
    public string Operation => "resume_charging";
}

public sealed record StopTransaction(StopTransactionReason Reason) : IEvseCommand
{
    public string Operation => "stop_transaction";
}

public sealed record ForceUnlock(int ConnectorId = 1) : IEvseCommand
{
    public string Operation => "force_unlock";
}

/// <summary>Reserves the idle EVSE. <paramref name="ExpiresAt"/> is recorded with the reservation (EvseManager has no expiry; the site enforces it).</summary>
public sealed record Reserve(int ReservationId, DateTimeOffset? ExpiresAt) : IEvseCommand
{
    public string Operation => "reserve";
}

public sealed record CancelReservation : IEvseCommand
{
    public string Operation => "cancel_reservation";
}

public sealed record SendAuthorizeResponse(AuthorizeResponseArgs Response) : IEvseCommand
{
    public string Operation => "authorize_response";
}

public sealed record WithdrawAuthorization : IEvseCommand
{
    public string Operation => "withdraw_authorization";
}

public sealed record ExternalReadyToStartCharging : IEvseCommand
{
    public string Operation => "external_ready_to_start_charging";
}

public sealed record EnableRandomDelay : IEvseCommand
{
    public string Operation => "random_delay_enable";
}

public sealed record DisableRandomDelay : IEvseCommand
{
    public string Operation => "random_delay_disable";
}

public sealed record CancelRandomDelay : IEvseCommand
{
    public string Operation => "random_delay_cancel";
}

public sealed record SetRandomDelayDuration(int Seconds) : IEvseCommand
{
    public string Operation => "random_delay_set_duration_s";
}

/// <summary>Replaces the current schedule of the EVSE's external_energy_limits_consumer instance.</summary>
public sealed record SetExternalLimits(ExternalLimits Limits) : IEvseCommand
{
    public string Operation => "set_external_limits";
}

/// <summary>The answer to every <see cref="IEvseCommand"/>.</summary>
/// <param name="FailureReason">Why it failed, in words an operator can act on; null on success.</param>
public sealed record EvseCommandResult(string EvseId, string Operation, bool Succeeded, string? FailureReason)
{
    public static EvseCommandResult Success(string evseId, string operation) => new(evseId, operation, true, null);

    public static EvseCommandResult Failure(string evseId, string operation, string reason) => new(evseId, operation, false, reason);
}

/// <summary>Asks an <see cref="EvseActor"/> for its <see cref="EvseSnapshot"/>.</summary>
public sealed record GetEvseSnapshot
{
    public static GetEvseSnapshot Instance { get; } = new();
}
