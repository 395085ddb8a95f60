using System.Collections.Frozen;
using System.Text.Json.Serialization;
using Everest.Site.EverestApi.Json;

namespace Everest.Site.EverestApi.Messages;

/// <summary>Result of validating an id token. Unknown spellings are kept (see <see cref="IsKnown"/>).</summary>
[JsonConverter(typeof(WireEnumConverter<AuthorizationStatus>))]
public readonly record struct AuthorizationStatus(string Value) : IWireEnum<AuthorizationStatus>
{
    public static readonly AuthorizationStatus Accepted = new("Accepted");
    public static readonly AuthorizationStatus Blocked = new("Blocked");
    public static readonly AuthorizationStatus ConcurrentTx = new("ConcurrentTx");
    public static readonly AuthorizationStatus Expired = new("Expired");
    public static readonly AuthorizationStatus Invalid = new("Invalid");
    public static readonly AuthorizationStatus NoCredit = new("NoCredit");
    public static readonly AuthorizationStatus NotAllowedTypeEVSE = new("NotAllowedTypeEVSE");
    public static readonly AuthorizationStatus NotAtThisLocation = new("NotAtThisLocation");
    public static readonly AuthorizationStatus NotAtThisTime = new("NotAtThisTime");
    public static readonly AuthorizationStatus Unknown = new("Unknown");

    public static IReadOnlyList<AuthorizationStatus> Known { get; } = [Accepted, Blocked, ConcurrentTx, Expired, Invalid, NoCredit, NotAllowedTypeEVSE, NotAtThisLocation, NotAtThisTime, Unknown];

    // Declared after Known on purpose: static initializers run in text order.
    private static readonly FrozenSet<string> KnownValues = Known.Select(known => known.Value).ToFrozenSet(StringComparer.Ordinal);

    public bool IsKnown => Value is not null && KnownValues.Contains(Value);

    public static AuthorizationStatus FromWire(string value) => new(value);

    public override string ToString() => Value ?? string.Empty;
}
