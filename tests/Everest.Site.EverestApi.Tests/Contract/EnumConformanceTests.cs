using System.Reflection;
using System.Text;
using Everest.Site.EverestApi.Json;
using Everest.Site.EverestApi.Messages;
using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Contract;

/// <summary>Every enumeration of the specs has a type of ours with exactly its values, and every value round-trips.</summary>
public sealed class EnumConformanceTests
{
    /// <summary>Spec enum (api, schema name) → our type.</summary>
    private static readonly Dictionary<(string Api, string Name), Type> Mapping = new()
    {
        [("evse_manager_consumer", "CarManufacturer")] = typeof(CarManufacturer),
        [("evse_manager_consumer", "EvseStateEnum")] = typeof(EvseState),
        [("evse_manager_consumer", "CertificateActionEnum")] = typeof(CertificateAction),
        [("evse_manager_consumer", "ConnectorTypeEnum")] = typeof(ConnectorType),
        [("evse_manager_consumer", "EnableDisableSource.enable_source")] = typeof(EnableSource),
        [("evse_manager_consumer", "EnableDisableSource.enable_state")] = typeof(EnableState),
        [("evse_manager_consumer", "ResponseExiStreamStatus.status")] = typeof(ExiStreamStatus),
        [("evse_manager_consumer", "SessionEventEnum")] = typeof(SessionEventType),
        [("evse_manager_consumer", "StartSessionReason")] = typeof(StartSessionReason),
        [("evse_manager_consumer", "StopTransactionReason")] = typeof(StopTransactionReason),
        [("system", "BootReason")] = typeof(BootReason),
        [("system", "FirmwareUpdateStatusEnum")] = typeof(FirmwareUpdateState),
        [("system", "LogStatusEnum")] = typeof(LogUploadState),
        [("system", "ResetType")] = typeof(ResetType),
        [("system", "UpdateFirmwareResponse")] = typeof(UpdateFirmwareResponse),
        [("system", "UploadLogsStatus")] = typeof(UploadLogsStatus),
        [("ocpp_consumer", "AttributeEnum")] = typeof(VariableAttribute),
        [("ocpp_consumer", "ChargingSchedulePeriod.operation_mode")] = typeof(ChargingOperationMode),
        [("ocpp_consumer", "EventTriggerEnum")] = typeof(EventTrigger),
        [("ocpp_consumer", "EventNotificationType")] = typeof(EventNotificationType),
        [("ocpp_consumer", "DataTransferStatus")] = typeof(DataTransferStatus),
        [("ocpp_consumer", "GetVariableStatusEnumType")] = typeof(GetVariableStatus),
        [("ocpp_consumer", "RegistrationStatus")] = typeof(RegistrationStatus),
        [("ocpp_consumer", "SetVariableStatusEnumType")] = typeof(SetVariableStatus),
        [("ocpp_consumer", "TransactionEvent")] = typeof(OcppTransactionEventType),
        [("session_cost", "CostCategory")] = typeof(CostCategory),
        [("session_cost", "CurrencyCode")] = typeof(CurrencyCode),
        [("session_cost", "SessionStatus")] = typeof(SessionStatus),
        [("auth_token_validator", "AuthorizationStatus")] = typeof(AuthorizationStatus),
        [("auth_token_validator", "CertificateStatus")] = typeof(CertificateStatus),
        [("auth_token_validator", "EnergyTransferMode")] = typeof(EnergyTransferMode),
    };

    public static TheoryData<string, string> MappedEnums()
    {
        var data = new TheoryData<string, string>();
        foreach (var (api, name) in Mapping.Keys)
        {
            data.Add(api, name);
        }

        return data;
    }

    [Fact]
    public void Every_enum_in_the_specs_has_a_type_of_ours()
    {
        var relevantApis = Specs.ContractApis.Append("auth_token_validator").ToHashSet();
        var specEnums = Specs.All.Apis.Values.Where(spec => relevantApis.Contains(spec.Api)).SelectMany(spec => spec.Enums).ToList();

        var unmapped = specEnums.Where(specEnum => !Mapping.ContainsKey((specEnum.Api, specEnum.Name))).Select(specEnum => $"{specEnum.Api}: {specEnum.Pointer}").ToList();

        Assert.True(unmapped.Count == 0, $"Spec enums without a type of ours: {string.Join(", ", unmapped)}");
        Assert.Equal(Mapping.Count, specEnums.Count);
    }

    [Theory]
    [MemberData(nameof(MappedEnums))]
    public void Our_type_knows_exactly_the_spec_values_in_spec_order(string api, string name)
    {
        var specEnum = Specs.All.Get(api).Enums.Single(candidate => candidate.Name == name);

        Assert.Equal(specEnum.Values, KnownValues(Mapping[(api, name)]));
    }

    [Theory]
    [MemberData(nameof(MappedEnums))]
    public void Every_spec_value_round_trips_exactly_and_is_known(string api, string name)
    {
        var type = Mapping[(api, name)];

        foreach (var value in Specs.All.Get(api).Enums.Single(candidate => candidate.Name == name).Values)
        {
            var json = $"\"{value}\"";
            var decoded = EverestJson.Decode(Encoding.UTF8.GetBytes(json), type);

            Assert.True(IsKnown(decoded), $"{type.Name} does not know '{value}'");
            Assert.Equal(json, Encoding.UTF8.GetString(EverestJson.Encode(decoded, type)));
        }
    }

    [Theory]
    [MemberData(nameof(MappedEnums))]
    public void An_unknown_value_is_kept_and_marked_unknown(string api, string name)
    {
        var type = Mapping[(api, name)];
        const string json = "\"ValueFromANewerEverest_2\"";

        var decoded = EverestJson.Decode(Encoding.UTF8.GetBytes(json), type);

        Assert.False(IsKnown(decoded));
        Assert.Equal(json, Encoding.UTF8.GetString(EverestJson.Encode(decoded, type)));
    }

    [Fact]
    public void A_non_string_enum_value_is_a_decoding_error()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EverestJson.Decode<SessionEventType>("42"u8));
    }

    [Fact]
    public void Spellings_are_exact_not_normalised()
    {
        Assert.Equal("sCEE_7_7", ConnectorType.sCEE_7_7.Value);
        Assert.Equal("ChargingPausedEVSE", SessionEventType.ChargingPausedEVSE.Value);
        Assert.False(SessionEventType.FromWire("chargingpausedevse").IsKnown);
    }

    private static IReadOnlyList<string> KnownValues(Type type)
    {
        var known = (System.Collections.IEnumerable)type.GetProperty("Known", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return [.. known.Cast<object>().Select(value => value.ToString()!)];
    }

    private static bool IsKnown(object value) => (bool)value.GetType().GetProperty("IsKnown")!.GetValue(value)!;
}
