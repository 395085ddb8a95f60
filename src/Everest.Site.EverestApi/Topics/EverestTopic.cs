using System.Diagnostics.CodeAnalysis;

namespace Everest.Site.EverestApi;

/// <summary>
/// A parsed EVerest API topic: <c>everest_api/1/{api}/{module_id}/{dir}/{op}</c>, optionally followed by one
/// correlation segment (<c>…/e2m/{op}/{correlation-id}</c> for replies to our requests, and
/// <c>…/m2e/reply/{uuid}</c> for our replies to EVerest's requests, where <c>op</c> is <c>reply</c>).
/// </summary>
public sealed record EverestTopic(EverestApiType Api, string ModuleId, MessageDirection Direction, string Operation, string? CorrelationId = null)
{
    /// <summary>First topic segment.</summary>
    public const string Root = "everest_api";

    /// <summary>Version segment. Always <c>1</c> on the wire, even where spec examples write <c>1.0</c>.</summary>
    public const string Version = "1";

    /// <summary>The operation name EVerest uses in the topics on which we answer its requests.</summary>
    public const string ReplyOperation = "reply";

    /// <summary>The wire segment of a direction.</summary>
    public static string DirectionSegment(MessageDirection direction) =>
        direction == MessageDirection.ModuleToEverest ? "m2e" : "e2m";

    /// <summary>The topic string.</summary>
    public override string ToString()
    {
        var topic = $"{Prefix(Api, ModuleId)}/{DirectionSegment(Direction)}/{Operation}";
        return CorrelationId is null ? topic : $"{topic}/{CorrelationId}";
    }

    /// <summary><c>everest_api/1/{api}/{module_id}</c>.</summary>
    public static string Prefix(EverestApiType api, string moduleId) => $"{Root}/{Version}/{api.ToWireName()}/{moduleId}";

    /// <summary>Topic on which we publish an operation (request or fire-and-forget): <c>…/m2e/{op}</c>.</summary>
    public static EverestTopic ToEverest(EverestApiType api, string moduleId, string operation) =>
        Create(api, moduleId, MessageDirection.ModuleToEverest, operation, null);

    /// <summary>Topic on which EVerest publishes an operation: <c>…/e2m/{op}</c>.</summary>
    public static EverestTopic FromEverest(EverestApiType api, string moduleId, string operation) =>
        Create(api, moduleId, MessageDirection.EverestToModule, operation, null);

    /// <summary>Our reply-to topic for one request: <c>…/e2m/{op}/{correlation-id}</c>.</summary>
    public static EverestTopic ReplyTo(EverestApiType api, string moduleId, string operation, string correlationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        return Create(api, moduleId, MessageDirection.EverestToModule, operation, correlationId);
    }

    /// <summary>
    /// The reply-to topic EVerest puts in its own requests (<c>update_firmware</c>, …): <c>…/m2e/reply/{uuid}</c>.
    /// Used by a simulated EVerest; the controller simply answers on whatever replyTo it was given.
    /// </summary>
    public static EverestTopic ReplyFromModule(EverestApiType api, string moduleId, string correlationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        return Create(api, moduleId, MessageDirection.ModuleToEverest, ReplyOperation, correlationId);
    }

    /// <summary>MQTT filter for every reply to our requests on one API instance: <c>…/e2m/+/+</c>.</summary>
    public static string ReplyFilter(EverestApiType api, string moduleId)
    {
        ValidateSegment(moduleId, nameof(moduleId));
        return $"{Prefix(api, moduleId)}/e2m/+/+";
    }

    /// <summary>
    /// MQTT filter for every publication EVerest makes on any instance of <paramref name="api"/>:
    /// <c>everest_api/1/{api}/+/e2m/+</c>. Replies to our requests carry one more level and do not match.
    /// </summary>
    public static string PublicationFilter(EverestApiType api) => $"{Root}/{Version}/{api.ToWireName()}/+/e2m/+";

    /// <summary>MQTT filter for one operation EVerest publishes on any instance of <paramref name="api"/>: <c>everest_api/1/{api}/+/e2m/{op}</c>.</summary>
    public static string PublicationFilter(EverestApiType api, string operation)
    {
        ValidateSegment(operation, nameof(operation));
        return $"{Root}/{Version}/{api.ToWireName()}/+/e2m/{operation}";
    }

    /// <summary>Parses a topic; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static EverestTopic Parse(string topic) =>
        TryParse(topic, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <summary>Parses a topic without throwing.</summary>
    public static bool TryParse(string? topic, [NotNullWhen(true)] out EverestTopic? parsed) => TryParse(topic, out parsed, out _);

    /// <summary>Parses a topic without throwing; <paramref name="error"/> says why it is not an EVerest API topic.</summary>
    public static bool TryParse(string? topic, [NotNullWhen(true)] out EverestTopic? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        if (string.IsNullOrEmpty(topic))
        {
            error = "The topic is empty.";
            return false;
        }

        var segments = topic.Split('/');
        if (segments.Length is not (6 or 7))
        {
            error = $"'{topic}' does not have the form everest_api/1/{{api}}/{{module_id}}/{{m2e|e2m}}/{{op}}[/{{correlation-id}}].";
            return false;
        }

        if (segments[0] != Root || segments[1] != Version)
        {
            error = $"'{topic}' does not start with '{Root}/{Version}/'.";
            return false;
        }

        if (!EverestApiTypeNames.TryParse(segments[2], out var api))
        {
            error = $"'{topic}' names an unknown API '{segments[2]}'.";
            return false;
        }

        MessageDirection? direction = segments[4] switch
        {
            "m2e" => MessageDirection.ModuleToEverest,
            "e2m" => MessageDirection.EverestToModule,
            _ => null,
        };
        if (direction is null)
        {
            error = $"'{topic}' has direction '{segments[4]}', expected 'm2e' or 'e2m'.";
            return false;
        }

        if (segments.Skip(3).Any(segment => segment.Length == 0))
        {
            error = $"'{topic}' has an empty segment.";
            return false;
        }

        parsed = new EverestTopic(api.Value, segments[3], direction.Value, segments[5], segments.Length == 7 ? segments[6] : null);
        error = null;
        return true;
    }

    private static EverestTopic Create(EverestApiType api, string moduleId, MessageDirection direction, string operation, string? correlationId)
    {
        ValidateSegment(moduleId, nameof(moduleId));
        ValidateSegment(operation, nameof(operation));
        if (correlationId is not null)
        {
            ValidateSegment(correlationId, nameof(correlationId));
        }

        return new EverestTopic(api, moduleId, direction, operation, correlationId);
    }

    private static void ValidateSegment(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.AsSpan().IndexOfAny("/+#") >= 0)
        {
            throw new ArgumentException($"'{value}' cannot be a topic segment: it contains '/', '+' or '#'.", name);
        }
    }
}
