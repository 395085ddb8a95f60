using Everest.Site.EverestApi;

namespace Everest.Site.Scenarios.Support;

/// <summary>A message the controller sent to the fake EVerest: API, operation and payload JSON (null when none).</summary>
public sealed record ReceivedCommand(EverestApiType Api, string Operation, string? PayloadJson);
