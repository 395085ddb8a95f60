using Everest.Site.EverestApi.Tests.Support;
using Everest.Site.Testing.Contract;

namespace Everest.Site.EverestApi.Tests.SpecTooling;

/// <summary>How the conformance tests find and read the upstream specs.</summary>
public sealed class SpecLoadingTests
{
    [Fact]
    public void A_missing_folder_fails_with_a_message_naming_the_environment_variable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-specs-{Guid.NewGuid():N}");

        var exception = Assert.Throws<EverestApiSpecsNotFoundException>(() => EverestApiSpecs.Load(missing));

        Assert.Contains(EverestApiSpecs.EnvironmentVariable, exception.Message, StringComparison.Ordinal);
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_specs_fails_with_a_message_naming_the_environment_variable()
    {
        var empty = Directory.CreateTempSubdirectory("empty-specs-");
        try
        {
            var exception = Assert.Throws<EverestApiSpecsNotFoundException>(() => EverestApiSpecs.Load(empty.FullName));

            Assert.Contains(EverestApiSpecs.EnvironmentVariable, exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_default_folder_is_found_next_to_the_repository_or_through_the_variable()
    {
        var folder = EverestApiSpecs.LocateFolder();

        Assert.True(File.Exists(Path.Combine(folder, "system_API.yaml")), $"{folder} has no system_API.yaml");
    }

    [Fact]
    public void The_api_name_is_read_from_the_server_path()
    {
        var spec = Specs.All.Get("evse_manager_consumer");

        Assert.Equal("evse_manager_consumer_API.yaml", spec.FileName);
    }

    [Fact]
    public void Request_operations_carry_their_reply_message()
    {
        var pause = Specs.All.Get("evse_manager_consumer").Operation("pause_charging");

        Assert.Equal(("m2e", true), (pause.Direction, pause.HasReply));
        Assert.Equal("receive_reply_pause_charging", pause.Reply?.Name);
        Assert.Equal("#/components/schemas/PauseChargingReply", pause.Reply?.PayloadSchema?["$ref"]?.ToString());
    }

    [Fact]
    public void Examples_are_read_from_the_message_and_from_its_payload()
    {
        var limits = Specs.All.Get("external_energy_limits_consumer").Operation("set_external_limits");
        var heartbeat = Specs.All.Get("system").Operation("heartbeat");

        Assert.Single(limits.Message.Examples);
        Assert.Equal(42, heartbeat.Message.Examples.Single()!.GetValue<long>());
    }

    [Fact]
    public void Yaml_scalars_are_typed_like_json()
    {
        var node = YamlToJson.Parse("a: 1\nb: 1.5\nc: true\nd: 'true'\ne: ~\nf: text\ng: \"42\"\nh: -7\n", "inline")!;

        Assert.Equal("""{"a":1,"b":1.5,"c":true,"d":"true","e":null,"f":"text","g":"42","h":-7}""", node.ToJsonString());
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_source()
    {
        var exception = Assert.Throws<InvalidDataException>(() => YamlToJson.Parse("a: [1, 2\nb: {", "broken.yaml"));

        Assert.Contains("broken.yaml", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchecked_references_are_only_those_into_specs_we_do_not_have()
    {
        var specs = Specs.All;
        foreach (var operation in Specs.ContractOperations)
        {
            var spec = specs.Get(operation.Api);
            specs.Validator.Validate(spec, operation.Message.PayloadSchema, null);
            var sample = Specs.Samples.Generate(spec, operation.Message.PayloadSchema, SampleMode.AllProperties);
            specs.Validator.Validate(spec, operation.Message.PayloadSchema, sample);
        }

        var folders = specs.Validator.UnresolvedReferences
            .Where(reference => !reference.Contains("nowhere_API", StringComparison.Ordinal))
            .Select(reference => reference.Split('/')[1])
            .ToHashSet();

        Assert.DoesNotContain("auth_token_validator_API", folders);
        Assert.DoesNotContain("external_energy_limits_consumer_API", folders);
        Assert.Subset(
            new HashSet<string> { "powermeter_API", "auth_consumer_API", "display_message_API", "evse_board_support_API", "isolation_monitor_API", "power_supply_DC_API" },
            folders);
    }
}
