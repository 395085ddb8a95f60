namespace Everest.Site.EverestApi.Tests.Support;

public static class SpecAssert
{
    /// <summary>Fails listing every schema error.</summary>
    public static void Valid(IReadOnlyList<string> errors) =>
        Assert.True(errors.Count == 0, $"Not valid against the spec:\n  {string.Join("\n  ", errors)}");
}
