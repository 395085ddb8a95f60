namespace Everest.Site.Hocon.Configuration;

/// <summary>One HOCON input of a <see cref="HoconConfigurationSource"/>: a file or a named text.</summary>
public sealed record HoconConfigurationLayer
{
    private HoconConfigurationLayer(string? filePath, string? text, string name, bool optional)
    {
        FilePath = filePath;
        Text = text;
        Name = name;
        Optional = optional;
    }

    public string? FilePath { get; }

    public string? Text { get; }

    /// <summary>The name shown in origins and errors.</summary>
    public string Name { get; }

    /// <summary>For a file: a missing file is skipped with a warning instead of failing.</summary>
    public bool Optional { get; }

    public static HoconConfigurationLayer File(string path, bool optional = false) => new(path, null, path, optional);

    public static HoconConfigurationLayer FromText(string text, string name) => new(null, text, name, false);
}
