namespace Everest.Site.Persistence.Sql;

/// <summary>The database behind the SQL journal (HOCON <c>everest-site.persistence.provider</c>).</summary>
public enum SqlProvider
{
    /// <summary>An embedded SQLite file: the default for a site gateway box.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for shared or central deployments.</summary>
    PostgreSql,
}
