using System.Text.Json.Serialization;
using Everest.Site.Domain.Billing.Cdrs;

namespace Everest.Site.Persistence;

/// <summary>
/// Source-generated JSON metadata of the billing events the journal stores (operator corrections). Like the EVSE
/// history: enums by name, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionCorrected))]
internal sealed partial class BillingEventJson : JsonSerializerContext;
