namespace Everest.Site.Testing.Mosquitto;

/// <summary>Finds programs the way a shell does, plus the sbin folders where Debian installs mosquitto.</summary>
public static class ExecutableSearch
{
    /// <summary>The full path of <paramref name="program"/>, or throws naming the Debian package to install.</summary>
    public static string Require(string program, string debianPackage) =>
        Find(program) ?? throw new MosquittoNotInstalledException(
            $"'{program}' was not found on PATH: install Debian package {debianPackage} (apt-get install {debianPackage}).");

    /// <summary>The full path of <paramref name="program"/>, or null.</summary>
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        // Debian puts the broker in /usr/sbin, which is not on an unprivileged user's PATH everywhere.
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/local/sbin"]);
        return folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
    }
}
