using System.Text.Json.Serialization;

namespace Everest.Site.Billing;

/// <summary>Source-generated serialization of the JSON and OCPI exports: no reflection per record.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CdrJsonDocument))]
[JsonSerializable(typeof(OcpiCdr))]
internal sealed partial class BillingJsonContext : JsonSerializerContext;
