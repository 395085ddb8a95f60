using System.Text.RegularExpressions;
using Everest.Site.Hocon;

namespace Everest.Site.Configuration;

/// <summary>
/// Replaces secrets in a resolved configuration tree with <see cref="Mask"/> before it is printed, keeping each
/// value's origin, so that <c>config check</c> output can be pasted into a ticket or a log. A key named like a
/// secret (<c>password</c>, <c>api-token</c>, …) is masked whole wherever it sits; a <c>connection-string</c>
/// keeps everything but its password, which tells the operator where it connects without giving the way in.
/// </summary>
internal static partial class SecretMasking
{
    /// <summary>What a secret is printed as.</summary>
    public const string Mask = "***";

    /// <summary>Keys whose whole value is a secret (compared without case).</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passphrase", "secret", "token", "api-token", "api-key",
    };

    public static HoconObject Apply(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return (HoconObject)Walk(root, key: null);
    }

    /// <summary>A connection string with the value of its password keywords (and the password of a URL) masked.</summary>
    public static string MaskConnectionString(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var masked = PasswordKeyword().Replace(connectionString, match => $"{match.Groups["key"].Value}{Mask}");
        return UrlPassword().Replace(masked, match => $"{match.Groups["prefix"].Value}{Mask}@");
    }

    private static HoconValue Walk(HoconValue value, string? key) => value switch
    {
        HoconObject obj => new HoconObject(
            obj.Fields.Select(field => new KeyValuePair<string, HoconValue>(field.Key, Walk(field.Value, field.Key))).ToList(),
            obj.Origin),
        HoconArray array => new HoconArray(array.Items.Select(item => Walk(item, key)).ToList(), array.Origin),
        HoconScalar { Kind: not HoconValueKind.Null } scalar when key is not null && SecretKeys.Contains(key) =>
            HoconScalar.String(Mask, scalar.Origin),
        HoconScalar { Kind: HoconValueKind.String, Text: { } text } scalar when string.Equals(key, "connection-string", StringComparison.OrdinalIgnoreCase) =>
            HoconScalar.String(MaskConnectionString(text), scalar.Origin),
        _ => value,
    };

    /// <summary><c>Password=…</c> (also <c>Pwd</c>, <c>Psw</c>) up to the next <c>;</c>, quoted values included.</summary>
    [GeneratedRegex("""(?<key>(?:^|;)\s*(?:password|pwd|psw)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordKeyword();

    /// <summary>The password of <c>scheme://user:password@host</c>.</summary>
    [GeneratedRegex("""(?<prefix>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();
}
