namespace Everest.Site.Http;

/// <summary>
/// One server-sent event of <c>GET /api/events</c>: <paramref name="Type"/> is the SSE event name (<c>evse</c>,
/// <c>allocation</c>, <c>session</c>) and <paramref name="Data"/> what is serialized as its JSON data.
/// </summary>
public sealed record SiteEvent(string Type, object Data);
