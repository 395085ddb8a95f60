namespace Everest.Site.Configuration;

/// <summary>Where the journal lives (<c>persistence.provider</c>).</summary>
public enum PersistenceProvider
{
    Sqlite,
    Postgresql,

    /// <summary>Nothing survives a restart: demo and tests only.</summary>
    Memory,
}
