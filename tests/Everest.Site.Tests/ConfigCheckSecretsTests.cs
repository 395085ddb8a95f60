using System.CommandLine;
using System.Text.Json;
using Everest.Site.Cli;
using Everest.Site.Configuration;

namespace Everest.Site.Tests;

/// <summary><c>config check</c> never prints a secret in clear, in text or JSON, and still says where each one came from.</summary>
public sealed class ConfigCheckSecretsTests
{
    private const string MqttPassword = "Mqtt-Secret-7731";
    private const string ApiToken = "Api-Token-5f0c9e1d2b";
    private const string PgPassword = "Pg-Secret-9920";

    private static TempConfig SiteWithSecrets() => new(
        File.ReadAllText(RepositoryFiles.Hocon("site.conf")) + $$"""

        everest-site.mqtt.username = "site"
        everest-site.mqtt.password = "{{MqttPassword}}"
        everest-site.http.api-token = "{{ApiToken}}"
        everest-site.persistence.postgresql.connection-string = "Host=db.example;Username=site;Password={{PgPassword}};Database=site"
        """);

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await EverestSiteCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_text_output_masks_the_mqtt_password_the_api_token_and_the_database_password_and_keeps_their_origin()
    {
        using var file = SiteWithSecrets();

        var (exitCode, output, error) = await Run("config", "check", "--config", file.Path);

        Assert.True(exitCode == ExitCodes.Success, error);
        foreach (var secret in new[] { MqttPassword, ApiToken, PgPassword })
        {
            Assert.DoesNotContain(secret, output + error, StringComparison.Ordinal);
        }

        var lines = output.Split('\n');
        Assert.Contains(lines, line => line.Contains("password = \"***\"  # ", StringComparison.Ordinal) && line.Contains("site.conf:", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("api-token = \"***\"  # ", StringComparison.Ordinal) && line.Contains("site.conf:", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Host=db.example;Username=site;Password=***;Database=site", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.TrimStart().StartsWith("username = ", StringComparison.Ordinal) && line.Contains("site", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_json_output_masks_the_same_secrets()
    {
        using var file = SiteWithSecrets();

        var (exitCode, output, error) = await Run("config", "check", "--config", file.Path, "--json");

        Assert.True(exitCode == ExitCodes.Success, error);
        foreach (var secret in new[] { MqttPassword, ApiToken, PgPassword })
        {
            Assert.DoesNotContain(secret, output + error, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(output);
        var site = json.RootElement.GetProperty("everest-site");
        Assert.Equal("***", site.GetProperty("mqtt").GetProperty("password").GetString());
        Assert.Equal("***", site.GetProperty("http").GetProperty("api-token").GetString());
        Assert.Equal("Host=db.example;Username=site;Password=***;Database=site", site.GetProperty("persistence").GetProperty("postgresql").GetProperty("connection-string").GetString());
    }

    [Theory]
    [InlineData("Host=h;Password=s3cret;Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("host=h; pwd = 's3;cret' ;database=d", "host=h; pwd = *** ;database=d")]
    [InlineData("PASSWORD=\"a;b\";Host=h", "PASSWORD=***;Host=h")]
    [InlineData("postgresql://site:s3cret@db.example:5432/site", "postgresql://site:***@db.example:5432/site")]
    [InlineData("Host=h;Username=site;Database=d", "Host=h;Username=site;Database=d")]
    public void A_connection_string_keeps_everything_but_its_password(string clear, string masked)
    {
        Assert.Equal(masked, SecretMasking.MaskConnectionString(clear));
    }
}
