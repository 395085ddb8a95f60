namespace Everest.Site.Configuration;

/// <summary>
/// One thing wrong with the configuration: the key, where its value came from (file:line:column or environment
/// variable; null when no source sets the key) and what is wrong.
/// </summary>
public sealed record ConfigurationProblem(string Key, string? Origin, string Message)
{
    public override string ToString() => $"{Key} ({Origin ?? "not set"}): {Message}";
}
