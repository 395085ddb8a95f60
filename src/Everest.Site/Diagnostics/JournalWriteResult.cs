namespace Everest.Site.Diagnostics;

/// <summary>The outcome of one journal write, as the actor that wrote saw it.</summary>
/// <param name="At">When the outcome was known.</param>
/// <param name="Succeeded">True when the journal confirmed the write.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record JournalWriteResult(DateTimeOffset At, bool Succeeded, string? Error);
