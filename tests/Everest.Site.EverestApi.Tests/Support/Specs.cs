using Everest.Site.Testing.Contract;

namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>The upstream specs (from EVEREST_API_SPECS or ../shared/everest-api) and helpers over them.</summary>
public static class Specs
{
    /// <summary>Loads the specs; a missing folder fails the calling test with a message naming EVEREST_API_SPECS.</summary>
    public static EverestApiSpecSet All => EverestApiSpecs.Load();

    public static SchemaSampleGenerator Samples => new(All, ExternalSchemaSamples.All);

    /// <summary>The five APIs of our contract, by wire name.</summary>
    public static IEnumerable<string> ContractApis => EverestApiTypeNames.All.Select(api => api.ToWireName());

    /// <summary>Every operation of the five specs.</summary>
    public static IEnumerable<SpecOperation> ContractOperations =>
        ContractApis.SelectMany(api => All.Get(api).Operations);

    /// <summary>
    /// Theory data: (api, op) of every operation of our contract. Built from our own description so that
    /// test discovery never depends on the spec folder; each case then fails clearly if the specs are missing.
    /// </summary>
    public static TheoryData<string, string> OperationCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in EverestApiContract.Operations)
        {
            data.Add(operation.Api.ToWireName(), operation.Name);
        }

        return data;
    }

    /// <summary>Our contract entry for a spec operation (api and op as wire names).</summary>
    public static OperationDescriptor Descriptor(string api, string operation) =>
        EverestApiTypeNames.TryParse(api, out var type)
            ? EverestApiContract.Get(type.Value, operation)
            : throw new ArgumentException($"'{api}' is not one of our APIs.", nameof(api));
}
