namespace Everest.Site.Hocon.Tests;

/// <summary>Finds the repository's <c>hocon/</c> folder from the test binaries, wherever the tests run from.</summary>
internal static class RepositoryFiles
{
    public static string HoconDirectory { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "hocon");
            if (File.Exists(Path.Combine(candidate, "reference.conf")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"hocon/reference.conf not found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository");
    }
}
