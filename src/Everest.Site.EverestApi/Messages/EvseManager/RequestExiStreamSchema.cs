using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>
/// An ISO 15118 certificate request for the CSMS (Base64 EXI stream). Declared by the evse_manager_consumer
/// spec although no operation of the API carries it yet.
/// </summary>
public sealed record RequestExiStreamSchema(
    [property: JsonPropertyName("exi_request")] string ExiRequest,
    [property: JsonPropertyName("iso15118_schema_version")] string Iso15118SchemaVersion,
    [property: JsonPropertyName("certificate_action")] CertificateAction CertificateAction) : EverestObject;
