using Everest.Site.Http;

namespace Everest.Site.Tests.Http;

public sealed class ApiTokenTests
{
    [Theory]
    [InlineData("secret-token-0123456789", "secret-token-0123456789", true)]
    [InlineData("secret-token-012345678", "secret-token-0123456789", false)]
    [InlineData("secret-token-01234567890", "secret-token-0123456789", false)]
    [InlineData("Secret-token-0123456789", "secret-token-0123456789", false)]
    [InlineData("", "secret-token-0123456789", false)]
    [InlineData("", "", false)]
    public void The_token_matches_only_itself_and_an_empty_configured_token_matches_nothing(string presented, string expected, bool matches) =>
        Assert.Equal(matches, ApiTokenAuthenticationHandler.Matches(presented, expected));

    [Fact]
    public void Generated_tokens_are_long_url_safe_and_different_every_time()
    {
        var tokens = Enumerable.Range(0, 20).Select(_ => ApiTokens.Generate()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }
}
