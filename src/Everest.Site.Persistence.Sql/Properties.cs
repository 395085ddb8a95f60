using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Everest.Site.Persistence.Sql.Tests")]
