using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary>One entry of <c>billing.token-groups</c>: tokens (exact, case-insensitive) or token prefixes that pay <see cref="Tariff"/>.</summary>
public sealed class TokenGroupOptions
{
    public string Id { get; set; } = "";

    /// <summary>Id of one of <c>billing.tariffs</c>.</summary>
    public string Tariff { get; set; } = "";

    public List<string> Tokens { get; set; } = [];

    [ConfigurationKeyName("token-prefixes")]
    public List<string> TokenPrefixes { get; set; } = [];
}
