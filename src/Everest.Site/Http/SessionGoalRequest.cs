using System.Text.Json.Serialization;

namespace Everest.Site.Http;

/// <summary>The body of <c>POST /api/evses/{id}/departure</c>. Both fields are required, so that a body that forgot one is not read as "the car's".</summary>
/// <param name="DepartureAt">When the car at the EVSE leaves (ISO 8601, in the future); null leaves it to the car (ISO 15118).</param>
/// <param name="EnergyNeededWh">The energy the car still needs from now (Wh, 0 to 1,000,000); null leaves it to the car.</param>
public sealed record SessionGoalRequest([property: JsonRequired] DateTimeOffset? DepartureAt, [property: JsonRequired] double? EnergyNeededWh);
