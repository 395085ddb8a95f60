using Microsoft.Extensions.Configuration;

namespace Everest.Site.Configuration;

/// <summary><c>everest-site.persistence.postgresql</c>.</summary>
public sealed class PostgresqlOptions
{
    /// <summary>Npgsql connection string; required when the provider is postgresql.</summary>
    [ConfigurationKeyName("connection-string")]
    public string? ConnectionString { get; set; }
}
