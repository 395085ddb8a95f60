using System.Text.Json.Serialization;
using Everest.Site.Domain.Billing.Cdrs;
using Everest.Site.Domain.Billing.Sessions;

namespace Everest.Site.Billing.Projection;

/// <summary>
/// Source-generated JSON of what the billing read model stores beside its columns: each transaction as the fold left it,
/// each EVSE's fold state (so the projection resumes exactly where its offset says), and each correction. Enums by name,
/// nulls left out, like the journal's payloads.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChargingSession))]
[JsonSerializable(typeof(BillingHistoryFold))]
[JsonSerializable(typeof(SessionCorrected))]
internal sealed partial class BillingReadModelJson : JsonSerializerContext;
