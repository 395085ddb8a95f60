using Everest.Site.EverestApi.Tests.Support;

namespace Everest.Site.EverestApi.Tests.Contract;

/// <summary>Our own description of the contract (<see cref="EverestApiContract"/>) against the upstream AsyncAPI specs.</summary>
public sealed class ContractMatchesSpecsTests
{
    [Fact]
    public void The_spec_folder_holds_a_spec_for_each_of_our_apis()
    {
        var loaded = Specs.All.Apis.Keys.ToHashSet();

        Assert.All(Specs.ContractApis, api => Assert.Contains(api, loaded));
    }

    [Theory]
    [InlineData("evse_manager_consumer", 39)]
    [InlineData("system", 11)]
    [InlineData("external_energy_limits_consumer", 3)]
    [InlineData("ocpp_consumer", 13)]
    [InlineData("session_cost", 4)]
    public void Each_api_has_the_same_operations_as_its_spec(string api, int expectedCount)
    {
        var spec = Specs.All.Get(api);
        var ours = EverestApiContract.Operations.Where(operation => operation.Api.ToWireName() == api).Select(operation => operation.Name).Order().ToList();
        var theirs = spec.Operations.Select(operation => operation.Name).Order().ToList();

        Assert.Equal(theirs, ours);
        Assert.Equal(expectedCount, ours.Count);
    }

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void Each_operation_has_the_direction_and_reply_kind_of_its_spec(string api, string operation)
    {
        var spec = Specs.All.Get(api).Operation(operation);
        var ours = Specs.Descriptor(api, operation);

        Assert.Equal(spec.Direction, EverestTopic.DirectionSegment(ours.Direction));
        Assert.Equal(spec.HasReply, ours.HasReply);
        Assert.Equal(spec.HasReply, ours.ReplyType is not null);
        Assert.Equal(ours.Kind == OperationKind.ReversedRequest, ours.SafeDefaultReply is not null);
    }

    [Theory]
    [MemberData(nameof(Specs.OperationCases), MemberType = typeof(Specs))]
    public void Operations_without_a_payload_in_the_spec_carry_none_in_ours(string api, string operation)
    {
        var spec = Specs.All.Get(api).Operation(operation);
        var ours = Specs.Descriptor(api, operation);
        var schema = spec.Message.PayloadSchema;

        if (ours.HasEnvelope)
        {
            // The envelope's schema names a payload property exactly when the operation takes arguments.
            var declaresPayload = schema?["properties"]?["payload"] is not null;
            Assert.Equal(declaresPayload, ours.PayloadType is not null);
        }
        else if (schema is null && ours.Name != "supported_energy_transfer_modes")
        {
            // supported_energy_transfer_modes has a payload, but a quoting error in the upstream YAML swallows it.
            Assert.Null(ours.PayloadType);
        }
        else
        {
            Assert.NotNull(ours.PayloadType);
        }
    }

    [Fact]
    public void The_safe_defaults_are_those_everest_assumes_when_nobody_answers()
    {
        Assert.Equal(Messages.UpdateFirmwareResponse.Rejected, EverestApiContract.Get(EverestApiType.System, "update_firmware").SafeDefaultReply);
        Assert.Equal(false, EverestApiContract.Get(EverestApiType.System, "is_reset_allowed").SafeDefaultReply);
        Assert.Equal(Messages.BootReason.Unknown, EverestApiContract.Get(EverestApiType.System, "get_boot_reason").SafeDefaultReply);
    }

    [Fact]
    public void The_fire_and_forget_operations_are_those_the_design_lists()
    {
        var commands = EverestApiContract.Operations.Where(operation => operation.Kind == OperationKind.Command).Select(operation => operation.Name).ToHashSet();

        string[] listed =
        [
            "authorize_response", "withdraw_authorization", "cancel_reservation", "random_delay_enable", "random_delay_disable",
            "random_delay_cancel", "random_delay_set_duration_s", "set_external_limits", "firmware_update_status", "log_status",
            "communication_check",
        ];
        Assert.All(listed, name => Assert.Contains(name, commands));

        // Beyond that list, the specs make these fire-and-forget too (no reply declared).
        Assert.Equal(["monitor_variables", "session_cost", "tariff_message"], commands.Except(listed).Order());
    }
}
