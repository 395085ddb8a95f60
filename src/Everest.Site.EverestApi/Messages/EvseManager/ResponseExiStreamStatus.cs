using System.Text.Json.Serialization;

namespace Everest.Site.EverestApi.Messages;

/// <summary>
/// The CSMS's answer to an ISO 15118 certificate request (Base64 EXI stream when accepted). Declared by the
/// evse_manager_consumer spec although no operation of the API carries it yet.
/// </summary>
public sealed record ResponseExiStreamStatus(
    [property: JsonPropertyName("status")] ExiStreamStatus Status,
    [property: JsonPropertyName("certificate_action")] CertificateAction CertificateAction,
    [property: JsonPropertyName("exi_response")] string? ExiResponse = null) : EverestObject;
