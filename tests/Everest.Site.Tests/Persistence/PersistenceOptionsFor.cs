using System.Collections;
using Everest.Site.Configuration;

namespace Everest.Site.Tests.Persistence;

/// <summary><c>everest-site.persistence</c> as the application reads it: reference.conf with a few keys changed.</summary>
internal static class PersistenceOptionsFor
{
    public static PersistenceOptions Memory() => Load("provider = memory");

    public static PersistenceOptions Sqlite(string path, string more = "") =>
        Load($"provider = sqlite, sqlite.path = {Quote(path)}, query.poll-interval = 100ms\n{more}");

    public static PersistenceOptions Postgresql(string connectionString) =>
        Load($"provider = postgresql, postgresql.connection-string = {Quote(connectionString)}, query.poll-interval = 100ms");

    public static PersistenceOptions Load(string persistence)
    {
        using var file = new TempConfig($"everest-site.persistence {{\n{persistence}\n}}\n");
        return SiteConfiguration.BindAndValidate(SiteConfiguration.Load(file.Path, environment: new Hashtable())).Persistence;
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
