using System.Text.Json;
using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>
/// Base of every object payload of the EVerest API. The schemas allow additional properties, and a
/// newer EVerest may send fields we do not know yet: they are kept here and written back unchanged.
/// </summary>
public abstract record EverestObject
{
    /// <summary>Properties this version of the contract does not model, kept verbatim.</summary>
    /// <remarks>
    /// A setter rather than <c>init</c>: System.Text.Json's source generator treats init-only members as
    /// constructor arguments, which an extension-data property cannot be (dotnet/runtime#107898).
    /// </remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
