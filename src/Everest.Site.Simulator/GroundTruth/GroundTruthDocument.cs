using System.Text.Json.Serialization;
using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.GroundTruth;

/// <summary>The JSON shape of a ground-truth dump.</summary>
public sealed record GroundTruthDocument(
    IReadOnlyList<SessionTruth> Sessions,
    IReadOnlyList<CommandRecord> Commands,
    IReadOnlyList<LimitExceedance> LimitExceedances,
    IReadOnlyList<CommunicationFault> CommunicationFaults,
    IReadOnlyList<ReversedRequestRecord> ReversedRequests,
    IReadOnlyDictionary<string, long> PublishedByOperation,
    IReadOnlyDictionary<string, long> ReceivedByOperation,
    long ArrivalsTurnedAway);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GroundTruthDocument))]
internal sealed partial class GroundTruthJsonContext : JsonSerializerContext;
