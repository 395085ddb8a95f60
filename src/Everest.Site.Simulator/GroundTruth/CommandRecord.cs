namespace Everest.Site.Simulator.GroundTruth;

/// <summary>What became of a message the controller sent to the simulated EVerest.</summary>
public enum CommandOutcome
{
    /// <summary>A request that was answered on its <c>replyTo</c>.</summary>
    Replied,

    /// <summary>A fire-and-forget message that was applied.</summary>
    Applied,

    /// <summary>A request without <c>replyTo</c>: EVerest drops it silently, and so does the simulator.</summary>
    DroppedNoReplyTo,

    /// <summary>A body that does not decode to the operation's payload: dropped without reply, as EVerest does.</summary>
    DroppedUnparseable,

    /// <summary>An operation the API does not have, or a module id the simulator does not run.</summary>
    DroppedUnknown,
}

/// <summary>One message received from the controller: when, what, and what the simulator answered.</summary>
/// <param name="Payload">The body as received (UTF-8 text).</param>
/// <param name="Reply">The bare JSON value published on <c>replyTo</c>, if any.</param>
public sealed record CommandRecord(
    DateTimeOffset At,
    string Api,
    string ModuleId,
    string Operation,
    string Payload,
    CommandOutcome Outcome,
    string? Reply = null,
    string? Error = null);
