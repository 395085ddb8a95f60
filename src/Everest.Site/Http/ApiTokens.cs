using System.Security.Cryptography;

namespace Everest.Site.Http;

/// <summary>API tokens the controller makes itself when none is configured.</summary>
public static class ApiTokens
{
    /// <summary>A random token of 32 bytes from the system's cryptographic generator, base64url without padding (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
