namespace Everest.Site.Tests;

/// <summary>A configuration file in its own temporary folder, deleted afterwards.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig(string text, string name = "site.conf")
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("everest-site-config-").FullName;
        Path = System.IO.Path.Combine(Directory, name);
        File.WriteAllText(Path, text);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
