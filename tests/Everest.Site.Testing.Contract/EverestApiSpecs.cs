using System.Text.Json.Nodes;

namespace Everest.Site.Testing.Contract;

/// <summary>
/// Loads the upstream EVerest API AsyncAPI specs. The folder comes from <see cref="EnvironmentVariable"/>,
/// or else is <c>../shared/everest-api</c> next to the repository (the folder holding <c>Everest.Site.sln</c>,
/// found by walking up from the test binaries). Not finding it is an error with a message that says so.
/// </summary>
public static class EverestApiSpecs
{
    /// <summary>The environment variable naming the folder with the <c>*_API.yaml</c> specs.</summary>
    public const string EnvironmentVariable = "EVEREST_API_SPECS";

    private const string SolutionFileName = "Everest.Site.sln";
    private static readonly Lazy<EverestApiSpecSet> DefaultSet = new(() => Load(LocateFolder()));

    /// <summary>The specs from the default folder, loaded once per process.</summary>
    public static EverestApiSpecSet Default => DefaultSet.Value;

    /// <summary>Loads the specs from the default folder (see <see cref="LocateFolder"/>).</summary>
    public static EverestApiSpecSet Load() => Default;

    /// <summary>Loads every <c>*_API.yaml</c> in <paramref name="folder"/>.</summary>
    public static EverestApiSpecSet Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new EverestApiSpecsNotFoundException($"The EVerest API spec folder '{folder}' does not exist. Set {EnvironmentVariable} to the folder holding the *_API.yaml AsyncAPI specs.");
        }

        var files = Directory.GetFiles(folder, "*_API.yaml").OrderBy(path => path, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new EverestApiSpecsNotFoundException($"'{folder}' holds no *_API.yaml files. Set {EnvironmentVariable} to the folder holding the EVerest API AsyncAPI specs.");
        }

        var specs = files.Select(LoadFile).ToDictionary(spec => spec.Api, StringComparer.Ordinal);
        return new EverestApiSpecSet(Path.GetFullPath(folder), specs);
    }

    /// <summary>
    /// The spec folder: <see cref="EnvironmentVariable"/> when set, else <c>../shared/everest-api</c> relative to
    /// the folder containing <c>Everest.Site.sln</c> above <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    public static string LocateFolder()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new EverestApiSpecsNotFoundException($"{EnvironmentVariable} is set to '{configured}', which is not a folder.");
        }

        var repositoryRoot = FindRepositoryRoot(AppContext.BaseDirectory);
        if (repositoryRoot is null)
        {
            throw new EverestApiSpecsNotFoundException(
                $"Could not find {SolutionFileName} above '{AppContext.BaseDirectory}' to locate the EVerest API specs. Set {EnvironmentVariable} to the folder holding the *_API.yaml AsyncAPI specs.");
        }

        var folder = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "everest-api"));
        return Directory.Exists(folder)
            ? folder
            : throw new EverestApiSpecsNotFoundException(
                $"The EVerest API specs were not found at '{folder}' (../shared/everest-api next to the repository). Set {EnvironmentVariable} to the folder holding the *_API.yaml AsyncAPI specs.");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static ApiSpec LoadFile(string path)
    {
        var fileName = Path.GetFileName(path);
        var document = YamlToJson.Parse(File.ReadAllText(path), fileName) as JsonObject
            ?? throw new InvalidDataException($"{fileName} is not a YAML mapping.");
        var api = ReadApiName(document, fileName);
        return new ApiSpec(api, fileName, document, ReadOperations(document, api, fileName));
    }

    /// <summary>Reads <c>{api}</c> from <c>servers.*.pathname</c> = <c>everest_api/1/{api}/{module_id}</c>.</summary>
    private static string ReadApiName(JsonObject document, string fileName)
    {
        var pathname = document["servers"]?.AsObject().Select(server => server.Value?["pathname"]?.ToString()).FirstOrDefault(path => path is not null)
            ?? throw new InvalidDataException($"{fileName} has no servers.*.pathname.");
        var segments = pathname.Split('/');
        return segments.Length >= 3 && segments[0] == "everest_api"
            ? segments[2]
            : throw new InvalidDataException($"{fileName}: server pathname '{pathname}' is not everest_api/{{version}}/{{api}}/{{module_id}}.");
    }

    private static List<SpecOperation> ReadOperations(JsonObject document, string api, string fileName)
    {
        var operations = new List<SpecOperation>();
        var channels = document["channels"] as JsonObject ?? [];
        foreach (var (operationName, operationNode) in document["operations"] as JsonObject ?? [])
        {
            var channelName = RefTarget(operationNode?["channel"]?["$ref"]?.ToString(), "#/channels/");
            var channel = channelName is null ? null : channels[channelName];
            var address = channel?["address"]?.ToString();
            if (string.IsNullOrEmpty(address))
            {
                // Reply channels have no address of their own (the reply goes to replyTo); they are attached to their request below.
                continue;
            }

            var parts = address.Split('/');
            if (parts.Length != 2 || parts[0] is not ("m2e" or "e2m"))
            {
                throw new InvalidDataException($"{fileName}: operation '{operationName}' has address '{address}', expected m2e/{{op}} or e2m/{{op}}.");
            }

            var replyNode = operationNode?["reply"];
            var replyChannelName = RefTarget(replyNode?["channel"]?["$ref"]?.ToString(), "#/channels/");
            var replyMessage = replyChannelName is null ? null : ReadChannelMessage(document, channels[replyChannelName], fileName);
            operations.Add(new SpecOperation(api, parts[1], parts[0], replyNode is not null, ReadChannelMessage(document, channel, fileName)
                ?? throw new InvalidDataException($"{fileName}: channel '{channelName}' has no message."), replyMessage));
        }

        return operations;
    }

    private static SpecMessage? ReadChannelMessage(JsonObject document, JsonNode? channel, string fileName)
    {
        var messageRef = (channel?["messages"] as JsonObject)?.Select(message => message.Value?["$ref"]?.ToString()).FirstOrDefault(reference => reference is not null);
        var messageName = RefTarget(messageRef, "#/components/messages/");
        if (messageName is null)
        {
            return null;
        }

        var message = document["components"]?["messages"]?[messageName] as JsonObject
            ?? throw new InvalidDataException($"{fileName}: message '{messageName}' is referenced but not defined.");
        var payload = message["payload"];
        var examples = new List<JsonNode?>();
        foreach (var source in new[] { message["examples"], payload?["examples"] })
        {
            foreach (var example in source as JsonArray ?? [])
            {
                if (example is JsonObject exampleObject && exampleObject.TryGetPropertyValue("payload", out var examplePayload))
                {
                    examples.Add(examplePayload?.DeepClone());
                }
            }
        }

        return new SpecMessage(messageName, payload?.DeepClone(), examples);
    }

    private static string? RefTarget(string? reference, string prefix) =>
        reference is not null && reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : null;
}
