using System.Text.Json.Serialization;

namespace Everest.Site.Http;

/// <summary>The body of <c>POST /api/evses/{id}/priority</c>.</summary>
/// <param name="Priority">
/// The priority of the session in progress until its car leaves, 0 or more (higher is served first); null gives the
/// session back the EVSE's configured priority. Required, so that a body that forgot it is not read as a reset.
/// </param>
public sealed record SessionPriorityRequest([property: JsonRequired] int? Priority);
