using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Arguments of <c>monitor_variables</c>: the variables whose changes EVerest should publish as <c>event_data</c>.</summary>
public sealed record MonitorVariableRequestList(
    [property: JsonPropertyName("items")] IReadOnlyList<ComponentVariable> Items) : EverestObject;
