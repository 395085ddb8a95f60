using System.Globalization;

namespace Everest.Site.Cli;

/// <summary>The <c>HOST:PORT</c> form of a broker address on the command line.</summary>
public static class BrokerAddress
{
    /// <summary>Splits <c>HOST:PORT</c> (<c>[v6-address]:PORT</c> for IPv6) into a non-empty host and a port in 1–65535.</summary>
    public static bool TryParse(string text, out string host, out int port)
    {
        ArgumentNullException.ThrowIfNull(text);
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsedPort)
            || parsedPort is < 1 or > 65535)
        {
            return false;
        }

        var hostPart = text[..colon];
        if (hostPart.StartsWith('[') && hostPart.EndsWith(']'))
        {
            hostPart = hostPart[1..^1];
        }

        if (string.IsNullOrWhiteSpace(hostPart) || hostPart.Contains(':', StringComparison.Ordinal) && !text.StartsWith('['))
        {
            return false;
        }

        host = hostPart;
        port = parsedPort;
        return true;
    }
}
